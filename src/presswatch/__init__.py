"""presswatch: watch the foreign press and publish a reviewed trilingual digest."""

__version__ = "0.1.0"
