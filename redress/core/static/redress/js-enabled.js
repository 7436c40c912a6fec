// Loaded at the top of <body>, before anything is drawn: GOV.UK Frontend's CSS hides or shows
// parts of components by these classes. A file rather than an inline script, so the
// Content-Security-Policy can forbid inline scripts (docs/deploy-security.md).
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
