/* Abonnement: web push, as progressive enhancement. Without this script the form works as it is;
   the "notifications in the browser" choice is only shown when the browser can do web push. */
(function () {
  "use strict";

  function supported() {
    return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window && window.isSecureContext;
  }

  function keyBytes(base64url) {
    var padding = "=".repeat((4 - (base64url.length % 4)) % 4);
    var raw = window.atob((base64url + padding).replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function showPushOption() {
    document.querySelectorAll("[data-push-option]").forEach(function (element) {
      element.hidden = false;
    });
  }

  function setUpPanel(panel) {
    var button = panel.querySelector("[data-push-enable]");
    var status = panel.querySelector("[data-push-status]");
    var csrf = panel.querySelector("input[name=csrfmiddlewaretoken]");
    panel.hidden = false;

    function say(text) {
      status.textContent = text;
    }

    function send(subscription) {
      return fetch(panel.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
        body: JSON.stringify({ token: panel.dataset.token, subscription: subscription.toJSON() }),
      }).then(function (response) {
        if (!response.ok) {
          throw new Error("push registration answered " + response.status);
        }
      });
    }

    button.addEventListener("click", function () {
      button.disabled = true;
      say(panel.dataset.textWorking);
      Notification.requestPermission()
        .then(function (permission) {
          if (permission !== "granted") {
            say(panel.dataset.textDenied);
            return null;
          }
          return navigator.serviceWorker
            .register(panel.dataset.worker, { scope: panel.dataset.scope })
            .then(function () {
              return navigator.serviceWorker.ready;
            })
            .then(function (registration) {
              return registration.pushManager.getSubscription().then(function (existing) {
                return (
                  existing ||
                  registration.pushManager.subscribe({
                    userVisibleOnly: true,
                    applicationServerKey: keyBytes(panel.dataset.key),
                  })
                );
              });
            })
            .then(send)
            .then(function () {
              say(panel.dataset.textOn);
            });
        })
        .catch(function () {
          say(panel.dataset.textFailed);
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  if (!supported()) {
    return;
  }
  showPushOption();
  document.querySelectorAll("[data-push-panel]").forEach(setUpPanel);
})();
