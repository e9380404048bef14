"""Thin views: parse the request, call one service, render a template."""
