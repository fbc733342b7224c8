"""Social Media Strategy Workbook: from 'we should do social media' to a defensible strategy."""

__version__ = "0.1.0"


__all__ = ["__version__"]
