"""Matching needs with resources and services (需求清单 / 资源清单 / 服务清单)."""
