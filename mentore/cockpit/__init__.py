"""The facilitator cockpit of a community (``/comunita/<slug>/cruscotto``)."""
