"""The web application (Django): server-rendered Chinese pages with htmx, and the JSON
API (django-ninja). Views parse input, call one service, render."""
