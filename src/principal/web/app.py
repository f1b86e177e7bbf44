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
    health,
    history,
    login,
    offer_actions,
    offers,
    portfolio,
    review_offer,
    team,
)
from principal.web.security import SecurityMiddleware, check_csrf
from principal.web.settings import WebSettings
from principal.web.static_files import CompressedStatic
from principal.web.tab_registry import TAB_PACKAGE, discover_tabs
from principal.web.team import check_role
from principal.web.upload_buffer import UploadBuffer
from principal.web.warm_up import prepare_process
from principal.web.workers import Work


def create_app(store: Store, settings: WebSettings | None = None, *, tab_package: str = TAB_PACKAGE) -> FastAPI:
    """The web app over an open store; engine tabs are found in `tab_package`."""
    settings = settings or WebSettings()
    prepare_process()  # before any job forks: models, engines, renderers and static files built once (warm_up.py)
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
    app.state.work = Work.from_settings(settings)
    app.state.uploads = uploads = UploadBuffer(settings.max_buffered_bytes, settings.retry_after_seconds)
    app.state.login_throttle = throttle = LoginThrottle(
        settings.max_token_failures,
        settings.token_failure_window_seconds,
        max_total_failures=settings.max_token_failures_total,
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
        health.router,
    )
    for router in routers:
        app.include_router(router)
    app.include_router(portfolio.router)  # after signature: /portfolio (issue 18)
    for tab in found.tabs:
        app.include_router(tab.router, prefix=f"/deals/{{deal_id}}/{tab.slug}")
    app.mount("/static", CompressedStatic(), name="static")
    install_error_handlers(app)
    app.add_middleware(
        SecurityMiddleware, settings=settings, render_error=render_error, throttle=throttle, uploads=uploads
    )
    return app
