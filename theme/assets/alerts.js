// Show and hide alert banners on time, so a banner appears and disappears without a rebuild.
(function () {
  "use strict";
  var banners = document.querySelectorAll("[data-alert-start]");
  function update() {
    var now = Date.now();
    for (var i = 0; i < banners.length; i++) {
      var start = Date.parse(banners[i].getAttribute("data-alert-start"));
      var end = Date.parse(banners[i].getAttribute("data-alert-end"));
      banners[i].hidden = !(now >= start && now < end);
    }
  }
  update();
  setInterval(update, 60000);
})();
