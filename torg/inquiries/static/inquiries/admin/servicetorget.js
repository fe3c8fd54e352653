// Servicetorget: "Use this text" fills the answer in place. Without JavaScript the form
// reloads the case page with ?svar=<key>, and the server fills the answer instead.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-servicetorget-canned]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      const select = form.querySelector("select");
      const option = select && select.options[select.selectedIndex];
      const target = document.getElementById(form.dataset.target);
      if (!option || !target || option.dataset.body === undefined) {
        return;
      }
      event.preventDefault();
      if (target.value.trim() && target.value !== option.dataset.body && !window.confirm(form.dataset.confirm)) {
        return;
      }
      target.value = option.dataset.body;
      target.focus();
    });
  });
});
