"""Models of the transparency app: access-to-information requests and the action plan."""

from .coeval import *  # noqa: F403
from .plan import *  # noqa: F403
from .reports import *  # noqa: F403
from .requests import *  # noqa: F403
