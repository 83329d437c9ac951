/*
 * Baken web chat widget. Embed with one tag:
 *   <script src="https://baken.example/webchat/widget.js" data-brand="tuinhuys" defer></script>
 * Optional attributes: data-lang ("nl" or "en"; default: the page's lang), and for a logged-in user of the site the
 * identity its server signed: data-user-email, data-user-name, data-user-expires, data-user-signature.
 * Plain JavaScript without dependencies; everything renders in a Shadow DOM so the site's CSS and the widget's do
 * not mix. Texts come from Baken in the visitor's language; customer and agent content is only ever set as text.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__bakenWebchat) {
    return;
  }
  window.__bakenWebchat = true;
  var base = new URL(script.src, location.href).origin;
  var brand = script.getAttribute('data-brand') || '';
  var pageLang = (script.getAttribute('data-lang') || document.documentElement.lang || 'nl').toLowerCase();
  var language = pageLang.indexOf('en') === 0 ? 'en' : 'nl';
  var storeKey = 'baken-webchat:' + brand;
  var readKey = storeKey + ':reported';

  var state = { token: null, visitorId: null, texts: {}, open: false, lastSeq: 0, files: [], source: null,
    shown: {}, pending: {}, reportedUpTo: Number(localStorage.getItem(readKey) || 0) };

  var css = [
    ':host { all: initial; }',
    '.bk { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; }',
    '.bk-button { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px;',
    '  padding: 14px 20px; background: #1f5f99; color: #fff; font: inherit; font-weight: 600; cursor: pointer;',
    '  box-shadow: 0 4px 14px rgba(0,0,0,.25); }',
    '.bk-panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: 340px; max-width: calc(100vw - 40px);',
    '  height: 480px; max-height: calc(100vh - 120px); background: #fff; border-radius: 10px; display: flex;',
    '  flex-direction: column; box-shadow: 0 8px 28px rgba(0,0,0,.3); overflow: hidden; }',
    '.bk-panel[hidden] { display: none; }',
    '.bk-head { background: #1f5f99; color: #fff; padding: 12px 14px; display: flex; justify-content: space-between; }',
    '.bk-head button { background: none; border: 0; color: #fff; font-size: 18px; cursor: pointer; }',
    '.bk-log { flex: 1; overflow-y: auto; padding: 10px; list-style: none; margin: 0; background: #f5f7fa; }',
    '.bk-msg { margin: 6px 0; padding: 8px 10px; border-radius: 8px; max-width: 85%; white-space: pre-wrap;',
    '  word-wrap: break-word; }',
    '.bk-msg.visitor { margin-left: auto; background: #dbe9f7; }',
    '.bk-msg.agent, .bk-msg.bot { background: #fff; border: 1px solid #e1e4e8; }',
    '.bk-msg.bot .bk-who { font-style: italic; }',
    '.bk-msg.pending { opacity: .6; }',
    '.bk-who { display: block; font-size: 11px; color: #57606a; }',
    '.bk-files { display: block; font-size: 12px; color: #57606a; }',
    '.bk-notice { padding: 6px 10px; font-size: 12px; color: #9a3412; }',
    '.bk-notice:empty { display: none; }',
    '.bk-typing { padding: 2px 10px; font-size: 12px; font-style: italic; color: #57606a; }',
    '.bk-typing[hidden] { display: none; }',
    '.bk-suggest { padding: 6px 10px; font-size: 12px; border-top: 1px solid #e1e4e8; }',
    '.bk-suggest[hidden] { display: none; }',
    '.bk-suggest a { display: block; color: #1f5f99; }',
    '.bk-form { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #e1e4e8; align-items: flex-end; }',
    '.bk-form textarea { flex: 1; resize: none; font: inherit; padding: 6px; border: 1px solid #d0d7de; border-radius: 6px; }',
    '.bk-form button, .bk-offline button { font: inherit; border: 0; border-radius: 6px; padding: 7px 10px;',
    '  background: #1f5f99; color: #fff; cursor: pointer; }',
    '.bk-form label.bk-attach { cursor: pointer; font-size: 18px; padding: 4px; }',
    '.bk-form input[type=file] { display: none; }',
    '.bk-offline { padding: 10px; overflow-y: auto; flex: 1; }',
    '.bk-offline form { display: flex; flex-direction: column; gap: 6px; }',
    '.bk-offline form[hidden] { display: none; }',
    '.bk-offline input, .bk-offline textarea { font: inherit; padding: 6px; border: 1px solid #d0d7de; border-radius: 6px; }',
    '.bk-choices { display: flex; gap: 6px; margin: 8px 0; flex-wrap: wrap; }'
  ].join('\n');

  var host = document.createElement('div');
  host.id = 'baken-webchat';
  document.body.appendChild(host);
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var style = document.createElement('style');
  style.textContent = css;
  root.appendChild(style);
  var widget = el('div', 'bk');
  root.appendChild(widget);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) {
      node.className = cls;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  /** A paper clip drawn as SVG: no emoji font needed on the visitor's machine. */
  function paperclip() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5');
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', '#1f5f99');
    path.setAttribute('stroke-width', '1.8');
    path.setAttribute('stroke-linecap', 'round');
    svg.appendChild(path);
    return svg;
  }

  function t(key) {
    return state.texts[key] || key;
  }

  function clientId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function api(method, path, body, isForm) {
    var headers = {};
    if (state.token) {
      headers['Baken-Visitor-Token'] = state.token;
    }
    if (body !== undefined && !isForm) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(base + '/webchat/api' + path, {
      method: method, headers: headers, credentials: 'omit',
      body: body === undefined ? undefined : (isForm ? body : JSON.stringify(body))
    }).then(function (response) {
      if (response.status === 204) {
        return { status: 204, body: null };
      }
      return response.json().catch(function () { return null; }).then(function (json) {
        return { status: response.status, body: json };
      });
    });
  }

  // ---- session ----

  function identity() {
    var email = script.getAttribute('data-user-email');
    if (!email) {
      return undefined;
    }
    return { email: email, name: script.getAttribute('data-user-name') || '',
      expires: Number(script.getAttribute('data-user-expires')), signature: script.getAttribute('data-user-signature') || '' };
  }

  function startSession() {
    var request = { brand: brand, language: language, token: localStorage.getItem(storeKey) || undefined,
      identity: identity() };
    return api('POST', '/sessions', request).then(function (result) {
      if (result.status === 401 && request.identity) {
        // the site's signature was refused: chat anonymously rather than as that user
        request.identity = undefined;
        request.token = undefined;
        return api('POST', '/sessions', request);
      }
      return result;
    }).then(function (result) {
      if (result.status !== 200) {
        throw new Error('webchat session refused: ' + result.status);
      }
      var session = result.body;
      if (state.visitorId && state.visitorId !== session.visitorId) {
        state.lastSeq = 0;
      }
      state.token = session.token;
      state.visitorId = session.visitorId;
      state.texts = session.texts;
      state.language = session.language;
      state.open = session.open;
      state.maxFileBytes = session.maxFileBytes;
      state.fileTypes = session.fileTypes;
      localStorage.setItem(storeKey, session.token);
      return session;
    });
  }

  // ---- rendering ----

  var button = el('button', 'bk-button');
  button.type = 'button';
  button.id = 'bk-open';
  var panel = el('section', 'bk-panel');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  var head = el('div', 'bk-head');
  var title = el('strong');
  var close = el('button', null, '×');
  close.type = 'button';
  head.appendChild(title);
  head.appendChild(close);
  var log = el('ol', 'bk-log');
  log.id = 'bk-log';
  var typingLine = el('div', 'bk-typing');
  typingLine.id = 'bk-typing';
  typingLine.hidden = true;
  var notice = el('div', 'bk-notice');
  notice.setAttribute('role', 'status');
  var suggest = el('div', 'bk-suggest');
  suggest.hidden = true;
  var form = el('form', 'bk-form');
  var input = el('textarea');
  input.id = 'bk-input';
  input.rows = 2;
  input.maxLength = 5000;
  var attachLabel = el('label', 'bk-attach');
  attachLabel.appendChild(paperclip());
  var file = el('input');
  file.type = 'file';
  attachLabel.appendChild(file);
  var send = el('button');
  send.type = 'submit';
  send.id = 'bk-send';
  form.appendChild(attachLabel);
  form.appendChild(input);
  form.appendChild(send);
  var offline = el('div', 'bk-offline');
  offline.hidden = true;

  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(offline);
  panel.appendChild(typingLine);
  panel.appendChild(notice);
  panel.appendChild(suggest);
  panel.appendChild(form);
  widget.appendChild(panel);
  widget.appendChild(button);

  function applyTexts() {
    button.textContent = t('title');
    button.setAttribute('aria-label', t('open'));
    title.textContent = t('title');
    close.setAttribute('aria-label', t('close'));
    input.placeholder = t('placeholder');
    input.setAttribute('aria-label', t('placeholder'));
    send.textContent = t('send');
    typingLine.textContent = t('typing');
    attachLabel.title = t('attach');
    attachLabel.setAttribute('aria-label', t('attach'));
  }

  function say(text) {
    notice.textContent = text || '';
  }

  /** Who wrote it: the bot is always labelled as the assistant, a person by their name, Baken itself as the team. */
  function who(entry) {
    if (entry.author === 'bot') {
      return t('bot');
    }
    if (entry.author === 'agent') {
      return entry.name || t('agent');
    }
    return t('you');
  }

  function fromUs(entry) {
    return entry.author === 'agent' || entry.author === 'bot';
  }

  function entryNode(entry) {
    var item = el('li', 'bk-msg ' + (entry.author === 'visitor' || entry.author === 'bot' ? entry.author : 'agent'));
    item.setAttribute('data-id', entry.id);
    item.appendChild(el('span', 'bk-who', who(entry)));
    item.appendChild(el('span', 'bk-text', entry.text));
    if (entry.files) {
      try {
        item.appendChild(el('span', 'bk-files', JSON.parse(entry.files).join(', ')));
      } catch (e) {
        // not a list of names: show nothing rather than raw data
      }
    }
    return item;
  }

  function show(entry) {
    if (entry.seq <= state.lastSeq || state.shown[entry.id]) {
      return;
    }
    state.lastSeq = entry.seq;
    state.shown[entry.id] = true;
    var pending = state.pending[entry.id];
    var node = entryNode(entry);
    if (pending) {
      log.replaceChild(node, pending);
      delete state.pending[entry.id];
    } else {
      log.appendChild(node);
    }
    log.scrollTop = log.scrollHeight;
    if (fromUs(entry) && entry.seq > state.reportedUpTo) {
      report(entry, 'delivered');
      if (!panel.hidden && document.visibilityState === 'visible') {
        report(entry, 'read');
        markReported(entry.seq);
      } else {
        state.unread = state.unread || [];
        state.unread.push(entry);
      }
    }
  }

  function markReported(seq) {
    if (seq > state.reportedUpTo) {
      state.reportedUpTo = seq;
      localStorage.setItem(readKey, String(seq));
    }
  }

  function report(entry, status, attempt) {
    attempt = attempt || 1;
    api('POST', '/receipts', { id: entry.id, status: status }).then(function (result) {
      // 409: Baken has not yet noted the send; report again shortly
      if (result.status === 409 && attempt < 6) {
        setTimeout(function () { report(entry, status, attempt + 1); }, 1000 * attempt);
      }
    }).catch(function () { /* best effort */ });
  }

  function readAll() {
    if (panel.hidden || document.visibilityState !== 'visible' || !state.unread) {
      return;
    }
    state.unread.forEach(function (entry) {
      report(entry, 'read');
      markReported(entry.seq);
    });
    state.unread = [];
  }

  // ---- stream ----

  function connect() {
    if (state.source) {
      state.source.close();
    }
    var source = new EventSource(base + '/webchat/api/stream?token=' + encodeURIComponent(state.token)
      + '&after=' + state.lastSeq);
    state.source = source;
    source.addEventListener('message', function (event) {
      say('');
      var entry = JSON.parse(event.data);
      if (fromUs(entry)) {
        typingLine.hidden = true;
      }
      show(entry);
    });
    source.addEventListener('typing', function (event) {
      typingLine.hidden = !JSON.parse(event.data).agent;
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // refused (expired token, rate limit): a new session, then reconnect after our last position
        say(t('offline'));
        setTimeout(function () {
          startSession().then(connect).catch(function () { setTimeout(connect, 5000); });
        }, 2000);
      } else {
        say(t('offline'));
      }
    };
    source.onopen = function () { say(''); };
  }

  // ---- sending ----

  function deliver(body, attempt) {
    attempt = attempt || 1;
    return api('POST', '/messages', body).then(function (result) {
      if (result.status === 202) {
        return result;
      }
      if (result.status === 401 && attempt < 3) {
        return startSession().then(function () { return deliver(body, attempt + 1); });
      }
      throw result;
    }, function (networkError) {
      // the same client id again: Baken stores it once, however often it arrives
      if (attempt < 5) {
        return new Promise(function (resolve) { setTimeout(resolve, 1000 * attempt); })
          .then(function () { return deliver(body, attempt + 1); });
      }
      throw networkError;
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text && state.files.length === 0) {
      return;
    }
    var id = clientId();
    var body = { clientMessageId: id, text: text, attachmentIds: state.files.map(function (f) { return f.id; }) };
    var providerId = state.visitorId + ':' + id;
    var pending = entryNode({ id: providerId, author: 'visitor', text: text,
      files: state.files.length ? JSON.stringify(state.files.map(function (f) { return f.fileName; })) : null });
    pending.className += ' pending';
    state.pending[providerId] = pending;
    log.appendChild(pending);
    log.scrollTop = log.scrollHeight;
    input.value = '';
    state.files = [];
    suggest.hidden = true;
    deliver(body).then(function () { say(''); }, function (result) {
      say(result && result.status === 429 ? t('tooMany') : t('failed'));
      if (state.pending[providerId]) {
        log.removeChild(state.pending[providerId]);
        delete state.pending[providerId];
        input.value = text;
      }
    });
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send.click();
    }
  });

  file.addEventListener('change', function () {
    var chosen = file.files && file.files[0];
    file.value = '';
    if (!chosen) {
      return;
    }
    if (chosen.size > state.maxFileBytes || (state.fileTypes && state.fileTypes.indexOf(chosen.type) < 0)) {
      say(t('fileRefused'));
      return;
    }
    var data = new FormData();
    data.append('file', chosen, chosen.name);
    api('POST', '/attachments', data, true).then(function (result) {
      if (result.status === 201) {
        state.files.push(result.body);
        say(t('attach') + ': ' + state.files.map(function (f) { return f.fileName; }).join(', '));
      } else {
        say(result.status === 429 ? t('tooMany') : t('fileRefused'));
      }
    });
  });

  // ---- self-service suggestions while typing (debounced) ----

  var suggestTimer = null;
  var lastQuery = '';
  var lastTyping = 0;
  input.addEventListener('input', function () {
    clearTimeout(suggestTimer);
    if (Date.now() - lastTyping > 3000 && input.value.trim()) {
      // the desk shows the visitor typing for a few seconds; at most one signal every three seconds
      lastTyping = Date.now();
      api('POST', '/typing').catch(function () { /* best effort */ });
    }
    var text = input.value.trim();
    if (text.length < 3) {
      suggest.hidden = true;
      return;
    }
    suggestTimer = setTimeout(function () {
      if (text === lastQuery) {
        return;
      }
      lastQuery = text;
      api('GET', '/suggestions?q=' + encodeURIComponent(text)).then(function (result) {
        var list = result.status === 200 && result.body ? result.body.suggestions : [];
        suggest.textContent = '';
        if (!list.length) {
          suggest.hidden = true;
          return;
        }
        suggest.appendChild(el('span', null, t('suggestions')));
        list.forEach(function (s) {
          if (!/^https?:\/\//.test(s.url)) {
            return;
          }
          var link = el('a', null, s.title);
          link.href = s.url;
          link.target = '_blank';
          link.rel = 'noopener noreferrer';
          if (s.snippet) {
            link.title = s.snippet;
          }
          suggest.appendChild(link);
        });
        suggest.hidden = false;
      }).catch(function () { suggest.hidden = true; });
    }, 500);
  });

  // ---- outside opening hours: leave a message or ask for a callback ----

  function field(formNode, name, label, type, required) {
    var wrap = el('label', null, label);
    var control = type === 'textarea' ? el('textarea') : el('input');
    if (type !== 'textarea') {
      control.type = type;
    }
    control.name = name;
    control.required = !!required;
    wrap.appendChild(el('br'));
    wrap.appendChild(control);
    formNode.appendChild(wrap);
    return control;
  }

  function buildOffline() {
    offline.textContent = '';
    offline.appendChild(el('p', null, t('closed')));
    var choices = el('div', 'bk-choices');
    var leave = el('button', null, t('leaveMessage'));
    leave.type = 'button';
    leave.id = 'bk-leave';
    var call = el('button', null, t('requestCallback'));
    call.type = 'button';
    call.id = 'bk-callback';
    choices.appendChild(leave);
    choices.appendChild(call);
    offline.appendChild(choices);

    var messageForm = el('form');
    messageForm.hidden = true;
    var mName = field(messageForm, 'name', t('name'), 'text', true);
    var mEmail = field(messageForm, 'email', t('email'), 'email', true);
    var mText = field(messageForm, 'text', t('message'), 'textarea', true);
    var mSubmit = el('button', null, t('submit'));
    mSubmit.type = 'submit';
    messageForm.appendChild(mSubmit);

    var callForm = el('form');
    callForm.hidden = true;
    var cName = field(callForm, 'name', t('name'), 'text', false);
    var cPhone = field(callForm, 'phone', t('phone'), 'tel', true);
    var timeLabel = el('label', null, t('preferredTime'));
    var cTime = el('select');
    cTime.name = 'slotStart';
    cTime.appendChild(new Option(t('callbackInQueue'), ''));
    timeLabel.appendChild(el('br'));
    timeLabel.appendChild(cTime);
    callForm.appendChild(timeLabel);
    var cSubmit = el('button', null, t('submit'));
    cSubmit.type = 'submit';
    callForm.appendChild(cSubmit);

    offline.appendChild(messageForm);
    offline.appendChild(callForm);
    leave.addEventListener('click', function () { messageForm.hidden = false; callForm.hidden = true; });
    call.addEventListener('click', function () {
      callForm.hidden = false;
      messageForm.hidden = true;
      if (cTime.options.length > 1) {
        return;
      }
      // the slots Baken offers from expected free capacity, in the visitor's language and clock
      api('GET', '/callbacks/slots').then(function (result) {
        (result.status === 200 && result.body ? result.body : []).forEach(function (slot) {
          cTime.appendChild(new Option(when(slot.start, true) + '–' + when(slot.end, false), slot.start));
        });
      }, function () {});
    });

    function when(iso, withDay) {
      var options = { hour: '2-digit', minute: '2-digit' };
      if (withDay) {
        options.weekday = 'long';
      }
      return new Date(iso).toLocaleString(state.language || 'nl', options);
    }

    function promised(callback) {
      if (callback.status === 'linked') {
        return t('callbackLinked');
      }
      var text = t('callbackPromised').replace('{from}', when(callback.from, true)).replace('{to}', when(callback.to, false));
      return callback.position ? text + ' ' + t('callbackPosition').replace('{position}', callback.position) : text;
    }

    function submitted(formNode, path, body, thanks) {
      var id = clientId();
      body.clientMessageId = id;
      api('POST', path, body).then(function (result) {
        if (result.status === 202) {
          formNode.hidden = true;
          say('');
          var promise = result.body && result.body.callback;
          offline.appendChild(el('p', 'bk-promise', promise ? promised(promise) : thanks));
        } else if (result.status === 400 && result.body && result.body.detail) {
          say(result.body.detail);
        } else {
          say(result.status === 429 ? t('tooMany') : t('failed'));
        }
      }, function () { say(t('failed')); });
    }
    messageForm.addEventListener('submit', function (event) {
      event.preventDefault();
      submitted(messageForm, '/offline-messages', { name: mName.value, email: mEmail.value, text: mText.value },
        t('thanksMessage'));
    });
    callForm.addEventListener('submit', function (event) {
      event.preventDefault();
      submitted(callForm, '/callbacks', { name: cName.value, phone: cPhone.value, slotStart: cTime.value || null },
        t('thanksCallback'));
    });
  }

  function layout() {
    offline.hidden = state.open;
    form.hidden = !state.open;
    form.style.display = state.open ? '' : 'none';
    if (!state.open) {
      buildOffline();
    }
  }

  // ---- start ----

  button.addEventListener('click', function () {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) {
      input.focus();
      readAll();
    }
  });
  close.addEventListener('click', function () { panel.hidden = true; });
  document.addEventListener('visibilitychange', readAll);

  button.textContent = '…';
  startSession().then(function () {
    applyTexts();
    layout();
    connect();
  }).catch(function () {
    host.remove();
  });
}());
