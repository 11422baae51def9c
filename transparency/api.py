from .ati import api as ati_api
from .coeval import api as coeval_api
from .plan import api as plan_api


def register(router) -> None:
    ati_api.register(router)
    plan_api.register(router)
    coeval_api.register(router)
