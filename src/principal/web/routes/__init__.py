"""The app's own routes: deals and offers, history, the JSON API and signing in."""
