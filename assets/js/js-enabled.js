// GOV.UK Frontend styles its components for JavaScript when this class is present.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
