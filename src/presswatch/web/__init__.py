"""The web app: the public trilingual site and the editors' desk (``create_app``)."""
