"""unicom-web: the business hall of unicom_core on the web (Litestar, served by uvicorn).

Build the app from a hall and serve it::

    import uvicorn
    from unicom_core import bootstrap
    from unicom_web import WebSettings, create_app

    hall = bootstrap(...)
    app = create_app(hall, WebSettings(secret="a long random secret, kept stable"))
    uvicorn.run(app, host="127.0.0.1", port=8000)

The JSON API lives under ``/api/v1`` (OpenAPI 3.1 at ``/schema``), TM Forum read operations
under ``/tmf-api/...``, and the server-rendered pages at the root.
"""

from unicom_web.app import create_app
from unicom_web.problems import Problem, problem_for
from unicom_web.settings import WebSettings

__all__ = ["Problem", "WebSettings", "create_app", "problem_for"]
