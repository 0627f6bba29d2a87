// Starts GOV.UK Frontend's components. A file of its own so that the
// Content Security Policy can allow the app's own scripts only.
import { initAll } from "./govuk-frontend.min.js";

initAll();
