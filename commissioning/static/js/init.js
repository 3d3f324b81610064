// Starts GOV.UK Frontend's components. Every page also works without this.
if (window.GOVUKFrontend && document.body.classList.contains("govuk-frontend-supported")) {
  window.GOVUKFrontend.initAll();
}
