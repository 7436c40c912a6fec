// Starts GOV.UK Frontend's components (menus, error summaries, accordions). A module file
// rather than an inline script, so the Content-Security-Policy can forbid inline scripts.
import { initAll } from '../govuk-frontend/dist/govuk/govuk-frontend.min.js'

initAll()
