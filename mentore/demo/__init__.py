"""Demo data: a deterministic, realistic Italian data set (ETS, public bodies, people, needs,
partnerships, the five OPES communities of practice and their forum) generated in pure Python
from the ISTAT territory table. See ``mentore.demo.generator``."""

from mentore.demo.generator import DEMO_VERSION, DemoData, generate

__all__ = ["DEMO_VERSION", "DemoData", "generate"]
