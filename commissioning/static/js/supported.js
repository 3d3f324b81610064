// Runs first in <body>: tells GOV.UK Frontend's CSS that JavaScript components will start.
document.body.className += " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
