"""Engine pages of the deal workspace, one module per engine; see principal.web.tab_registry for the contract."""
