"""Building the FastAPI app: routes, engine tabs, error handlers, security middleware and vendored static files."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from principal import __version__
from principal.store.database import Store
from principal.web import reference
from principal.web.error_pages import install_error_handlers, render_error
from principal.web.login_throttle import LoginThrottle
from principal.web.routes import (
    analyses,
    api,
    builder,
    conflicts,
    deal_setup,
    deals,
    history,
    login,
    offer_actions,
    offers,
    review_offer,
    team,
)
from principal.web.security import SecurityMiddleware, check_csrf
from principal.web.settings import WebSettings
from principal.web.static_files import CompressedStatic
from principal.web.tab_registry import TAB_PACKAGE, discover_tabs
from principal.web.team import check_role


def create_app(store: Store, settings: WebSettings | None = None, *, tab_package: str = TAB_PACKAGE) -> FastAPI:
    """The web app over an open store; engine tabs are found in `tab_package`."""
    settings = settings or WebSettings()
    app = FastAPI(
        title="Principal",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(check_csrf), Depends(check_role)],
    )
    app.state.store = store
    app.state.settings = settings
    app.state.token_required = settings.token is not None
    app.state.login_throttle = throttle = LoginThrottle(
        settings.max_token_failures, settings.token_failure_window_seconds
    )
    found = discover_tabs(tab_package)
    app.state.tabs = found.tabs
    app.state.tabs_missing = found.missing
    routers = (
        deal_setup.router,
        deals.router,
        builder.router,
        offer_actions.router,
        conflicts.router,
        review_offer.router,
        offers.router,
        history.router,
        api.router,
        analyses.router,
        login.router,
        reference.router,
        team.router,
    )
    for router in routers:
        app.include_router(router)
    for tab in found.tabs:
        app.include_router(tab.router, prefix=f"/deals/{{deal_id}}/{tab.slug}")
    app.mount("/static", CompressedStatic(), name="static")
    install_error_handlers(app)
    app.add_middleware(SecurityMiddleware, settings=settings, render_error=render_error, throttle=throttle)
    return app
