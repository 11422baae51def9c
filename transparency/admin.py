from .ati import admin as ati_admin  # noqa: F401
from .coeval import admin as coeval_admin  # noqa: F401
from .plan import admin as plan_admin  # noqa: F401
from .reports import admin as reports_admin  # noqa: F401
