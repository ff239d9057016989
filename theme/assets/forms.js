/* Progressive enhancement for forms built from forms/<id>.yml (see councilsite/forms/).

   Without JavaScript a form posts as ordinary HTML and whoever receives it checks the answers.
   With it, on form pages only:
   - answers are checked in the browser against the rules the build exported into
     script#form-rules: the same rules councilsite/forms/validate.py applies on the server, so
     no limit, pattern or message is written twice;
   - problems are shown the GOV.UK way: the error summary ("There is a problem") linking to each
     field, with focus moved to it, inline error messages and "Error: " before the page title;
   - questions revealed by an answer are shown and hidden, with aria-controls and aria-expanded;
   - textareas with a limit count characters as you type;
   - a second press of the button within a second does not send the form twice;
   - the confirmation page shows the reference number given in ?reference=.
   It stores nothing and sends nothing itself. */
(function () {
  "use strict";
  if (!("querySelector" in document && "classList" in document.documentElement && window.JSON)) {
    return;
  }

  var TITLE_PREFIX = "Error: ";
  var EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  var PHONE = /^(?:0\d{9,10}|(?:\+|00)[1-9]\d{6,14})$/;
  var PHONE_PUNCTUATION = /[\s().\-]/g;
  var POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;
  var NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
  var MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december"];

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function closest(el, selector) {
    while (el && el.nodeType === 1) {
      if (el.matches ? el.matches(selector) : el.msMatchesSelector(selector)) { return el; }
      el = el.parentNode;
    }
    return null;
  }

  /* ---- Reading answers, as a server reads the posted fields ---- */

  function posted(form, name) {
    var out = [];
    all("input, select, textarea", form).forEach(function (el) {
      if (el.name !== name || el.disabled || el.type === "file") { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      out.push(el.value);
    });
    return out;
  }

  function one(form, name) {
    var found = posted(form, name);
    return found.length ? found[0].replace(/\r\n/g, "\n").trim() : "";
  }

  function length(text) {
    /* Count characters as Python does (a character outside the BMP is one, not two). */
    return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length;
  }

  /* ---- The checks: the twin of councilsite/forms/validate.py ---- */

  function error(rule, kind, fields, target, message) {
    target = target || rule.target;
    return {question: rule.id, target: target, message: message || rule.messages[kind],
      fields: fields || [target], part: null};
  }

  function required(rule, kind) {
    return rule.required ? [error(rule, kind || "required")] : [];
  }

  var CHECKS = {
    text: function (rule, form) {
      var value = one(form, rule.name);
      if (!value) { return required(rule); }
      if (rule.min_length && length(value) < rule.min_length) { return [error(rule, "too_short")]; }
      if (rule.max_length && length(value) > rule.max_length) { return [error(rule, "too_long")]; }
      if (rule.pattern && !new RegExp("^(?:" + rule.pattern + ")$").test(value)) {
        return [error(rule, "pattern")];
      }
      return [];
    },
    email: function (rule, form) {
      var value = one(form, rule.name);
      if (!value) { return required(rule); }
      if (length(value) > rule.max_length) { return [error(rule, "too_long")]; }
      return EMAIL.test(value) ? [] : [error(rule, "format")];
    },
    phone: function (rule, form) {
      var value = one(form, rule.name);
      if (!value) { return required(rule); }
      return PHONE.test(value.replace(PHONE_PUNCTUATION, "")) ? [] : [error(rule, "format")];
    },
    number: function (rule, form) {
      var value = one(form, rule.name);
      if (!value) { return required(rule); }
      var plain = value.replace(/[,\s]/g, "");
      if (!NUMBER.test(plain)) { return [error(rule, "format")]; }
      var number = parseFloat(plain);
      if (rule.whole !== false && Math.floor(number) !== number) { return [error(rule, "whole")]; }
      if (rule.min !== null && rule.min !== undefined && number < rule.min) { return [error(rule, "too_small")]; }
      if (rule.max !== null && rule.max !== undefined && number > rule.max) { return [error(rule, "too_big")]; }
      return [];
    },
    date: function (rule, form, today) {
      var values = {}, ids = {}, missing = [];
      rule.parts.forEach(function (part) {
        values[part.key] = one(form, part.name);
        ids[part.key] = part.id;
        if (!values[part.key]) { missing.push(part.key); }
      });
      var allIds = rule.parts.map(function (part) { return part.id; });
      if (missing.length === rule.parts.length) {
        return rule.required ? [error(rule, "required", allIds)] : [];
      }
      if (missing.length) {
        return [error(rule, "incomplete", missing.map(function (k) { return ids[k]; }), ids[missing[0]],
          rule.messages.incomplete[missing.join(",")])];
      }
      var month = monthNumber(values.month);
      var bad = [];
      if (!/^\d{1,2}$/.test(values.day)) { bad.push("day"); }
      if (month === null) { bad.push("month"); }
      if (!/^\d+$/.test(values.year)) { bad.push("year"); }
      if (bad.length) {
        return [error(rule, "invalid", bad.map(function (k) { return ids[k]; }), ids[bad[0]])];
      }
      if (values.year.length !== 4) { return [error(rule, "year", [ids.year], ids.year)]; }
      var year = parseInt(values.year, 10), day = parseInt(values.day, 10);
      var date = new Date(2000, 0, 1);
      date.setFullYear(year, month - 1, day);
      if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
        return [error(rule, "invalid", allIds, ids.day)];
      }
      // The same bounds, in the same order, as councilsite.forms.dates; "today" is the browser's.
      var bounds = rule.bounds || [];
      for (var i = 0; i < bounds.length; i++) {
        var bound = bounds[i], limit;
        if (bound.date === "today") {
          limit = new Date(today.getFullYear(), today.getMonth(), today.getDate());
        } else {
          var ymd = bound.date.split("-");
          limit = new Date(2000, 0, 1);
          limit.setFullYear(parseInt(ymd[0], 10), parseInt(ymd[1], 10) - 1, parseInt(ymd[2], 10));
        }
        limit.setDate(limit.getDate() + bound.days);
        if ((bound.side === "min" && date < limit) || (bound.side === "max" && date > limit)) {
          return [error(rule, bound.kind, allIds, ids.day, bound.message)];
        }
      }
      return [];
    },
    choice: function (rule, form) {
      var value = one(form, rule.name);
      if (rule.values.indexOf(value) === -1) { return rule.required || value ? [error(rule, "required")] : []; }
      return [];
    },
    multi: function (rule, form) {
      var chosen = posted(form, rule.name).filter(function (v) { return rule.values.indexOf(v) !== -1; });
      return !chosen.length && rule.required ? [error(rule, "required")] : [];
    },
    parts: function (rule, form) {
      var values = {}, any = false, errors = [];
      rule.parts.forEach(function (part) {
        values[part.key] = one(form, part.name);
        any = any || !!values[part.key];
      });
      if (!rule.required && !any) { return []; }
      rule.parts.forEach(function (part) {
        var value = values[part.key], message = null;
        if (!value) {
          if (part.required) { message = part.messages.required; }
        } else if (part.format === "postcode" && !POSTCODE.test(value.replace(/\s+/g, "").toUpperCase())) {
          message = part.messages.format;
        }
        if (message) {
          errors.push({question: rule.id, target: part.id, message: message, fields: [part.id], part: part.key});
        }
      });
      return errors;
    },
    file: function (rule, form) {
      var input = document.getElementById(rule.target);
      var file = input && input.files && input.files[0];
      if (!file || !file.name) { return required(rule); }
      var name = file.name.toLowerCase();
      var allowed = rule.accept.some(function (ext) { return name.slice(-ext.length) === ext; });
      if (!allowed) { return [error(rule, "type")]; }
      if (file.size === 0) { return [error(rule, "empty")]; }
      if (file.size > rule.max_bytes) { return [error(rule, "size")]; }
      return [];
    }
  };

  function monthNumber(text) {
    if (/^\d{1,2}$/.test(text)) { return parseInt(text, 10); }
    var word = text.toLowerCase().replace(/\.$/, "");
    for (var i = 0; i < MONTHS.length; i++) {
      if (word === MONTHS[i] || word === MONTHS[i].slice(0, 3) || (i === 8 && word === "sept")) { return i + 1; }
    }
    return null;
  }

  function shown(rule, form) {
    var condition = rule.show_if;
    return !condition || posted(form, condition.question).indexOf(condition.value) !== -1;
  }

  function check(rules, form) {
    var byId = {}, errors = [];
    var now = new Date(), today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    rules.questions.forEach(function (rule) { byId[rule.id] = rule; });
    rules.questions.forEach(function (rule) {
      var trigger = rule.show_if && byId[rule.show_if.question];
      if ((trigger && !shown(trigger, form)) || !shown(rule, form)) { return; }
      errors = errors.concat(CHECKS[rule.kind](rule, form, today));
    });
    return errors;
  }

  /* ---- Showing errors, with the markup the templates use (theme/components/) ---- */

  function describe(el, id, add) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (add) {
      /* The error comes after the hint and before a character count, as in the templates. */
      var hint = ids.length && /-hint$/.test(ids[0]) ? 1 : 0;
      ids.splice(hint, 0, id);
    }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
  }

  function invalid(el, on) {
    var base = el.classList.contains("textarea") ? "textarea" : el.classList.contains("select") ? "select" :
      el.classList.contains("file-upload") ? "file-upload" : el.classList.contains("input") ? "input" : null;
    if (base) { el.classList.toggle(base + "--error", on); }
    if (on) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
  }

  function clearErrors(form, main) {
    all(".error-summary", main).forEach(function (summary) { summary.parentNode.removeChild(summary); });
    all(".error-message", form).forEach(function (message) {
      all("[aria-describedby]", form).forEach(function (el) { describe(el, message.id, false); });
      message.parentNode.removeChild(message);
    });
    all("[aria-invalid]", form).forEach(function (el) { invalid(el, false); });
    all(".form-group--error", form).forEach(function (group) { group.classList.remove("form-group--error"); });
  }

  function messageElement(id, text) {
    var p = document.createElement("p"), hidden = document.createElement("span");
    p.id = id;
    p.className = "error-message";
    hidden.className = "visually-hidden";
    hidden.textContent = "Error:";
    p.appendChild(hidden);
    p.appendChild(document.createTextNode(" " + text));
    return p;
  }

  function insertMessage(container, message) {
    /* After the label or legend and the hint, before the field. */
    var children = Array.prototype.slice.call(container.children);
    var before = null;
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (child.tagName !== "LABEL" && child.tagName !== "LEGEND" && !child.classList.contains("hint")) {
        before = child;
        break;
      }
    }
    container.insertBefore(message, before);
  }

  function markGroup(el) {
    var group = closest(el.parentNode, ".form-group");
    if (group) { group.classList.add("form-group--error"); }
    return group;
  }

  function showError(err) {
    var target = document.getElementById(err.target);
    if (!target) { return; }
    if (err.part) {
      /* A box of an address or name: its own message under its own label. */
      var group = markGroup(target);
      insertMessage(group, messageElement(err.target + "-error", err.message));
      describe(target, err.target + "-error", true);
      invalid(target, true);
      markGroup(closest(group.parentNode, "fieldset"));
      return;
    }
    var messageId = err.question + "-error";
    var inFieldset = target.type === "radio" || target.type === "checkbox" || closest(target, ".date-input");
    if (inFieldset) {
      var fieldset = closest(target, "fieldset");
      insertMessage(fieldset, messageElement(messageId, err.message));
      describe(fieldset, messageId, true);
      fieldset.setAttribute("aria-invalid", "true");
      markGroup(fieldset);
      err.fields.forEach(function (id) {
        var part = document.getElementById(id);
        if (part && part.type !== "radio" && part.type !== "checkbox") {
          invalid(part, true);
          part.setAttribute("aria-describedby", messageId);
        }
      });
      return;
    }
    var container = closest(target, ".form-group");
    var wrapper = target.parentNode !== container ? target.parentNode : target;
    container.insertBefore(messageElement(messageId, err.message), wrapper);
    describe(target, messageId, true);
    invalid(target, true);
    container.classList.add("form-group--error");
  }

  function summaryElement(errors) {
    var summary = document.createElement("div");
    summary.className = "error-summary";
    summary.setAttribute("data-module", "error-summary");
    summary.setAttribute("tabindex", "-1");
    var alert = document.createElement("div");
    alert.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.className = "error-summary__title";
    title.textContent = "There is a problem";
    var body = document.createElement("div");
    body.className = "error-summary__body";
    var list = document.createElement("ul");
    list.className = "error-summary__list";
    errors.forEach(function (err) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + err.target;
      link.textContent = err.message;
      item.appendChild(link);
      list.appendChild(item);
    });
    body.appendChild(list);
    alert.appendChild(title);
    alert.appendChild(body);
    summary.appendChild(alert);
    return summary;
  }

  function setTitle(hasErrors) {
    var title = document.title;
    var prefixed = title.indexOf(TITLE_PREFIX) === 0;
    if (hasErrors && !prefixed) { document.title = TITLE_PREFIX + title; }
    if (!hasErrors && prefixed) { document.title = title.slice(TITLE_PREFIX.length); }
  }

  function inPageOrder(form, errors) {
    var order = all("input, select, textarea", form).map(function (el) { return el.id; });
    return errors.slice().sort(function (a, b) { return order.indexOf(a.target) - order.indexOf(b.target); });
  }

  function focusSummary(summary) {
    summary.focus();
    summary.addEventListener("blur", function () { summary.removeAttribute("tabindex"); }, {once: true});
  }

  /* A summary link moves focus to its field, scrolling its label or legend into view (GOV.UK). */
  function followSummaryLink(event) {
    var link = closest(event.target, "a");
    if (!link || !closest(link, ".error-summary")) { return; }
    var hash = link.getAttribute("href") || "";
    if (hash.charAt(0) !== "#") { return; }
    var field = document.getElementById(hash.slice(1));
    if (!field) { return; }
    event.preventDefault();
    var fieldset = closest(field, "fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    var label = document.querySelector("label[for='" + field.id + "']");
    var heading = legend && (field.type === "radio" || field.type === "checkbox" || closest(field, ".date-input"))
      ? legend : label || legend;
    if (heading && heading.scrollIntoView) {
      heading.scrollIntoView();
    } else if (field.scrollIntoView) {
      field.scrollIntoView();
    }
    field.focus({preventScroll: true});
  }

  function enhanceForm(form, rules, main) {
    form.classList.add("form--enhanced");
    var sentAt = 0;
    form.addEventListener("submit", function (event) {
      var errors = inPageOrder(form, check(rules, form));
      clearErrors(form, main);
      setTitle(errors.length > 0);
      if (errors.length) {
        event.preventDefault();
        errors.forEach(showError);
        var summary = summaryElement(errors);
        var heading = main.querySelector("h1");
        heading.parentNode.insertBefore(summary, heading);
        focusSummary(summary);
        return;
      }
      var button = form.querySelector("[data-prevent-double-click]");
      if (button && Date.now() - sentAt < 1000) {
        event.preventDefault();
        return;
      }
      sentAt = Date.now();
    });
  }

  /* ---- Revealing questions under an answer ---- */

  function enhanceConditionals(form) {
    var controls = all("input[data-aria-controls]", form).filter(function (input) {
      var target = document.getElementById(input.getAttribute("data-aria-controls"));
      if (!target) { return false; }
      input.setAttribute("aria-controls", target.id);
      input.removeAttribute("data-aria-controls");
      return true;
    });

    function sync() {
      controls.forEach(function (input) {
        var target = document.getElementById(input.getAttribute("aria-controls"));
        var hidden = input.type === "radio" ? "radios__conditional--hidden" : "checkboxes__conditional--hidden";
        target.classList.toggle(hidden, !input.checked);
        if (input.type === "checkbox") { input.setAttribute("aria-expanded", input.checked ? "true" : "false"); }
      });
    }

    if (controls.length) {
      form.addEventListener("change", sync);
      form.addEventListener("click", function (event) {
        if (event.target.type === "radio") { sync(); }
      });
      sync();
    }
  }

  /* ---- Character count ---- */

  function enhanceCharacterCount(group) {
    var textarea = group.querySelector("textarea");
    var limit = parseInt(group.getAttribute("data-maxlength"), 10);
    var info = document.getElementById(textarea.id + "-info");
    if (!textarea || !limit || !info) { return; }
    info.classList.add("visually-hidden");
    var status = document.createElement("div");
    status.className = "hint character-count__status";
    status.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "character-count__sr-status visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    info.parentNode.insertBefore(status, info);
    info.parentNode.insertBefore(spoken, info);
    var timer = null;

    function message() {
      var left = limit - length(textarea.value);
      var count = Math.abs(left), noun = count === 1 ? "character" : "characters";
      return left < 0 ? "You have " + count + " " + noun + " too many" : "You have " + count + " " + noun + " remaining";
    }

    function update() {
      var over = length(textarea.value) > limit;
      status.textContent = message();
      status.classList.toggle("character-count__status--error", over);
      clearTimeout(timer);
      timer = setTimeout(function () { spoken.textContent = message(); }, 1000);
    }

    textarea.addEventListener("input", update);
    status.textContent = message();
  }

  /* ---- Confirmation page: the reference number from the receiver ---- */

  function showReference() {
    var slot = document.querySelector("[data-reference-slot]");
    if (!slot) { return; }
    var match = /[?&]reference=([A-Za-z0-9][A-Za-z0-9-]{0,39})(?:&|$)/.exec(window.location.search);
    if (!match) { return; }
    slot.querySelector("[data-reference]").textContent = match[1];
    slot.hidden = false;
  }

  function start() {
    showReference();
    var form = document.querySelector("form[data-module='form']");
    var source = document.getElementById("form-rules");
    if (!form || !source) { return; }
    var rules;
    try {
      rules = JSON.parse(source.textContent);
    } catch (e) {
      return; /* Without rules the form still posts, and the receiver checks it. */
    }
    var main = document.getElementById("main-content") || document.body;
    enhanceForm(form, rules, main);
    enhanceConditionals(form);
    all("[data-module='character-count']", form).forEach(enhanceCharacterCount);
    main.addEventListener("click", followSummaryLink);
    var summary = main.querySelector(".error-summary");
    if (summary) {
      /* A page sent back with errors: read the summary first, as GOV.UK does. */
      setTitle(true);
      focusSummary(summary);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
