"""One router per kind of resource; ``sitroom.api.app.create_app`` includes them all."""

from sitroom.api.routes import actors, articles, events, export, stats

ROUTERS = (events.router, articles.router, actors.router, stats.router, export.router)

__all__ = ["ROUTERS"]
