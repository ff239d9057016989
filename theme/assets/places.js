// Places to get online: "open now" and today's hours in UK time, and instant filtering of the
// directory. An enhancement only: without it, pages show the regular hours, the hours on the day
// the site was built (with that date), and links to pre-built filter pages.
//
// The opening hours logic mirrors councilsite/places/hours.py (Hours.day, Hours.status_at and
// Status.text); tests run both on the same moments and check they say the same thing.
(function () {
  "use strict";

  var DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var LOOK_AHEAD_DAYS = 60;
  var DAY_MS = 86400000;

  // A calendar day: {iso: "2026-11-22", year, month, day, weekday (0 is Monday), ms (UTC midnight)}.
  function calendarDay(year, month, day) {
    var utc = new Date(Date.UTC(year, month - 1, day));
    return {
      iso: utc.toISOString().slice(0, 10), year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1,
      day: utc.getUTCDate(), weekday: (utc.getUTCDay() + 6) % 7, ms: utc.getTime()
    };
  }

  function addDays(day, count) {
    var later = new Date(day.ms + count * DAY_MS);
    return calendarDay(later.getUTCFullYear(), later.getUTCMonth() + 1, later.getUTCDate());
  }

  // The date and minute of the day in London at `moment` (a Date), or null if the browser
  // cannot tell (no time zone support): then we say nothing rather than something wrong.
  function londonNow(moment) {
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", hourCycle: "h23"
      }).formatToParts(moment).forEach(function (part) { parts[part.type] = part.value; });
    } catch (e) {
      return null;
    }
    if (!parts.year || !parts.hour) { return null; }
    return {
      today: calendarDay(+parts.year, +parts.month, +parts.day),
      minute: (+parts.hour % 24) * 60 + (+parts.minute)
    };
  }

  function formatTime(minutes) {
    if (minutes === 0 || minutes === 1440) { return "midnight"; }
    if (minutes === 720) { return "midday"; }
    var hour = Math.floor(minutes / 60), minute = minutes % 60;
    var suffix = hour < 12 ? "am" : "pm";
    hour = hour % 12 || 12;
    return minute === 0 ? hour + suffix : hour + ":" + (minute < 10 ? "0" : "") + minute + suffix;
  }

  function joinWords(items) {
    if (items.length <= 1) { return items.join(""); }
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function periodsText(periods) {
    if (!periods.length) { return "Closed"; }
    return joinWords(periods.map(function (p) { return formatTime(p[0]) + " to " + formatTime(p[1]); }));
  }

  function dayMonth(day) {
    return DAYS[day.weekday] + " " + day.day + " " + MONTHS[day.month - 1];
  }

  // The hours on a day: a change (bank holiday, closure) if one covers it, else the regular week.
  function hoursOn(hours, day) {
    for (var i = 0; i < hours.changes.length; i++) {
      var change = hours.changes[i];
      if (change.from <= day.iso && day.iso <= change.to) {
        return { periods: change.periods, reason: change.reason };
      }
    }
    return { periods: hours.week[day.weekday], reason: "" };
  }

  function dayText(hours, day) {
    var on = hoursOn(hours, day);
    return periodsText(on.periods) + (on.reason ? " (" + on.reason + ")" : "");
  }

  function statusText(hours, now) {
    var periods = hoursOn(hours, now.today).periods, i;
    for (i = 0; i < periods.length; i++) {
      if (periods[i][0] <= now.minute && now.minute < periods[i][1]) {
        return "Open now. Closes at " + formatTime(periods[i][1]) + ".";
      }
    }
    for (var offset = 0; offset <= LOOK_AHEAD_DAYS; offset++) {
      var day = addDays(now.today, offset);
      periods = hoursOn(hours, day).periods;
      for (i = 0; i < periods.length; i++) {
        if (offset > 0 || periods[i][0] > now.minute) {
          var when = formatTime(periods[i][0]);
          if (offset === 0) { return "Closed now. Opens today at " + when + "."; }
          if (offset === 1) { return "Closed now. Opens tomorrow at " + when + "."; }
          if (offset < 7) { return "Closed now. Opens on " + DAYS[day.weekday] + " at " + when + "."; }
          return "Closed now. Opens on " + dayMonth(day) + " at " + when + ".";
        }
      }
    }
    return "Closed now.";
  }

  function isOpen(hours, now) {
    return statusText(hours, now).indexOf("Open now") === 0;
  }

  function readHours(element) {
    try {
      return JSON.parse(element.getAttribute("data-place-hours"));
    } catch (e) {
      return null;
    }
  }

  // Fill in the status, today's hours, today's row and past changes for every place on the page.
  function update() {
    var now = londonNow(new Date());
    if (!now) { return null; }
    var places = document.querySelectorAll("[data-place-hours]");
    for (var i = 0; i < places.length; i++) {
      var place = places[i], hours = readHours(place);
      if (!hours) { continue; }
      var status = place.querySelector("[data-place-status]");
      if (status) {
        status.textContent = statusText(hours, now);
        status.hidden = false;
      }
      var label = place.querySelector("[data-place-day-label]");
      var dayHours = place.querySelector("[data-place-day-hours]");
      if (label && dayHours) {
        label.textContent = "Hours today, " + dayMonth(now.today);
        dayHours.textContent = dayText(hours, now.today);
        var todayLine = place.querySelector("[data-place-today]");
        if (todayLine) { todayLine.hidden = false; }
      }
      markToday(place, now.today);
      hidePastChanges(place, now.today);
    }
    return now;
  }

  function markToday(place, today) {
    var rows = place.querySelectorAll("tr[data-weekday]");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], isToday = +row.getAttribute("data-weekday") === today.weekday;
      var note = row.querySelector(".hours-table__today-note");
      row.classList.toggle("hours-table__today", isToday);
      if (isToday && !note) {
        note = document.createElement("span");
        note.className = "hours-table__today-note";
        note.textContent = " (today)";
        row.querySelector("th").appendChild(note);
      } else if (!isToday && note) {
        note.parentNode.removeChild(note);
      }
    }
  }

  function hidePastChanges(place, today) {
    var table = place.querySelector("[data-changes]");
    if (!table) { return; }
    var rows = table.querySelectorAll("tr[data-change-end]"), left = 0;
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = rows[i].getAttribute("data-change-end") < today.iso;
      if (!rows[i].hidden) { left++; }
    }
    table.hidden = left === 0;
    var none = place.querySelector("[data-changes-none]");
    if (none) { none.hidden = left > 0; }
  }

  // The directory's form: filter the list at once by facility, area and "open now".
  function setUpFilter(form) {
    var cards = document.querySelectorAll("[data-places-area] [data-place]");
    var areas = document.querySelectorAll("[data-places-area]");
    var count = form.querySelector("[data-places-count]");
    var empty = document.querySelector("[data-places-empty]");
    var hint = document.querySelector("[data-places-empty-hint]");
    var clear = form.querySelector("[data-places-clear]");
    var links = document.querySelector("[data-places-links]");
    var params = new URLSearchParams(window.location.search);
    form.elements.facility.value = params.get("facility") || "";
    form.elements.area.value = params.get("area") || "";
    form.elements.open.checked = params.get("open") === "now";
    if (form.elements.facility.selectedIndex < 0) { form.elements.facility.value = ""; }
    if (form.elements.area.selectedIndex < 0) { form.elements.area.value = ""; }

    function apply(announce) {
      var facility = form.elements.facility.value, area = form.elements.area.value;
      var openNow = form.elements.open.checked, now = londonNow(new Date()), shown = 0, i;
      for (i = 0; i < cards.length; i++) {
        var card = cards[i];
        var hours = openNow ? readHours(card) : null;
        var match = (!facility || (" " + card.getAttribute("data-facilities") + " ").indexOf(" " + facility + " ") >= 0) &&
          (!area || card.getAttribute("data-area") === area) &&
          (!openNow || (now && hours && isOpen(hours, now)));
        card.hidden = !match;
        if (match) { shown++; }
      }
      for (i = 0; i < areas.length; i++) {
        areas[i].hidden = !areas[i].querySelector("[data-place]:not([hidden])");
      }
      if (empty) { empty.hidden = shown > 0; }
      if (hint) {
        // Suggest only what would help: the filters actually chosen.
        var undo = [];
        if (openNow) { undo.push("untick \u201cOpen now\u201d"); }
        if (facility) { undo.push("choose \u201cAnything\u201d in what you need"); }
        if (area) { undo.push("choose \u201cAll areas\u201d"); }
        hint.textContent = undo.length ? "To see more places, " + undo.join(", or ") + "." : "";
      }
      if (clear) { clear.hidden = !(facility || area || openNow); }
      var words = shown === cards.length ? "Showing all " + shown + " places." :
        "Showing " + shown + " of " + cards.length + " places.";
      if (announce || count.textContent !== words) { count.textContent = words; }
      var query = new URLSearchParams();
      if (facility) { query.set("facility", facility); }
      if (area) { query.set("area", area); }
      if (openNow) { query.set("open", "now"); }
      var search = query.toString();
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    function clearAll(event) {
      event.preventDefault();
      form.elements.facility.value = "";
      form.elements.area.value = "";
      form.elements.open.checked = false;
      apply(true);
      form.elements.facility.focus();
    }
    var clears = document.querySelectorAll("[data-places-clear]");
    for (var c = 0; c < clears.length; c++) { clears[c].addEventListener("click", clearAll); }
    form.hidden = false;
    if (links) { links.hidden = true; }
    apply(false);
    return apply;
  }

  // For tests: the same logic the page uses, with a moment chosen by the caller.
  window.councilPlaces = {
    statusAt: function (hours, epochMs) { return statusText(hours, londonNow(new Date(epochMs))); },
    dayTextAt: function (hours, epochMs) { return dayText(hours, londonNow(new Date(epochMs)).today); }
  };

  var now = update();
  var form = document.querySelector("[data-places-form]");
  var refilter = form && now ? setUpFilter(form) : null;
  if (now) {
    window.setInterval(function () {
      update();
      if (refilter && form.elements.open.checked) { refilter(false); }
    }, 60000);
  }
})();
