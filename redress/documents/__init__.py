"""Documents Redress generates for people to edit and send: editable Word templates and the
services that fill them in."""
