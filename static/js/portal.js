/*
 * OGP Morocco portal: the site's own script. The CSP allows no inline script,
 * so every behaviour is wired here from data- attributes. The pages work
 * without it; it only adds comfort (confirmations, htmx's CSRF header).
 */
(function () {
  "use strict";

  function csrfToken(element) {
    var form = element && element.closest ? element.closest("form") : null;
    var input = (form && form.querySelector("input[name=csrfmiddlewaretoken]")) ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) {
      return input.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // htmx: send Django's CSRF token with every request that changes something.
  document.addEventListener("htmx:configRequest", function (event) {
    var verb = (event.detail.verb || "get").toLowerCase();
    if (verb !== "get") {
      var token = csrfToken(event.detail.elt);
      if (token) {
        event.detail.headers["X-CSRFToken"] = token;
      }
    }
  });

  // <form data-confirm="Are you sure?">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // <button data-copy-target="#id">: copy a field's text (recovery codes, tracking numbers).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-target]");
    if (!button || !navigator.clipboard) {
      return;
    }
    var source = document.querySelector(button.getAttribute("data-copy-target"));
    if (source) {
      navigator.clipboard.writeText(source.value || source.textContent || "");
      var done = button.getAttribute("data-copied-label");
      if (done) {
        button.textContent = done;
      }
    }
  });

  // The skip link: move focus to <main> in browsers that only scroll.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.skip-link");
    if (link) {
      var main = document.getElementById("main");
      if (main) {
        main.focus();
      }
    }
  });
})();
