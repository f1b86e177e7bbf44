"""The local web app: FastAPI pages over the store and the engines; it renders results and computes nothing."""
