// What the two staff pages (console, supervisor view) share: login and logout, "am I logged in",
// the configuration and vocabulary (loaded once), the Socket.IO connection and the boot sequence.
//
// The staff credential is the HttpOnly session cookie that POST /api/login sets: this page never sees
// or keeps the token (nothing secret in sessionStorage or localStorage), the sockets connect with the
// cookie and no `auth`, and reconnects carry it again. Only the language choice (and the console's
// sound switch) are kept in localStorage.
import {
  $, api, bindLangSwitch, ERROR_TEXTS, errorText, makeI18n, makeVocabulary, mergeDicts, safeStorage,
} from './common.js';

const STAFF_TEXTS = {
  nl: {
    language: 'Taal', logout: 'Uitloggen', username: 'Gebruikersnaam', password: 'Wachtwoord', login: 'Inloggen',
    login_failed: 'Inloggen mislukt.', session_ended: 'Je bent uitgelogd. Log opnieuw in.',
    otp: 'Code uit je authenticator-app', otp_needed: 'Vul ook de code uit je authenticator-app in.',
    err_otp_required: 'Vul ook de code uit je authenticator-app in.',
    err_otp_enrolment_required: 'Dit account heeft eerst een tweede inlogstap nodig. Vraag de beheerder om je authenticator-app te koppelen.',
    connected: 'verbonden', disconnected: 'geen verbinding', reconnecting: 'opnieuw verbinden…',
    visitor: 'Bezoeker', counsellor: 'Hulpverlener', system: 'Systeem',
    staff_counsellor: 'hulpverlener', staff_supervisor: 'supervisor', staff_admin: 'beheerder',
  },
  en: {
    language: 'Language', logout: 'Log out', username: 'Username', password: 'Password', login: 'Log in',
    login_failed: 'Login failed.', session_ended: 'You have been logged out. Please log in again.',
    otp: 'Code from your authenticator app', otp_needed: 'Also enter the code from your authenticator app.',
    err_otp_required: 'Also enter the code from your authenticator app.',
    err_otp_enrolment_required: 'This account needs a second login step first. Ask the administrator to link your authenticator app.',
    connected: 'connected', disconnected: 'disconnected', reconnecting: 'reconnecting…',
    visitor: 'Visitor', counsellor: 'Counsellor', system: 'System',
    staff_counsellor: 'counsellor', staff_supervisor: 'supervisor', staff_admin: 'administrator',
  },
  fr: {
    language: 'Langue', logout: 'Déconnexion', username: 'Nom d’utilisateur', password: 'Mot de passe', login: 'Se connecter',
    login_failed: 'Échec de la connexion.', session_ended: 'Tu as été déconnecté·e. Reconnecte-toi.',
    otp: 'Code de ton application d’authentification', otp_needed: 'Saisis aussi le code de ton application d’authentification.',
    err_otp_required: 'Saisis aussi le code de ton application d’authentification.',
    err_otp_enrolment_required: 'Ce compte a d’abord besoin d’une deuxième étape de connexion. Demande à l’administrateur de relier ton application d’authentification.',
    connected: 'connecté', disconnected: 'déconnecté', reconnecting: 'reconnexion…',
    visitor: 'Visiteur', counsellor: 'Intervenant·e', system: 'Système',
    staff_counsellor: 'intervenant·e', staff_supervisor: 'superviseur', staff_admin: 'administrateur',
  },
};

const RETRY_MS = 3000;

/**
 * A staff page. Options:
 *  - texts: the page's own dictionary (wins over the shared texts);
 *  - langKey: localStorage key of the language choice;
 *  - namespace: the Socket.IO namespace ('/counsellor' or '/supervisor'); null for a page without a socket (/admin);
 *  - mayUse(me): whether this account may use the page; refusedKey: the text shown when it may not;
 *  - onEnter(me), onLeave(): show and hide the page's own views;
 *  - onSocket(socket): attach the page's event handlers; onConnect(socket): after every (re)connect;
 *  - onLanguage(): re-render after a language change (and once the vocabulary arrives late).
 * Returns the page object: i18n, t, store, me, socket, config, vocab, limits, label(kind, code),
 * errorText(code), setConn(state), boot().
 */
export function staffPage(opts) {
  const store = safeStorage('localStorage');
  const i18n = makeI18n(mergeDicts(ERROR_TEXTS, STAFF_TEXTS, opts.texts), opts.langKey, store);
  const t = i18n.t;
  const page = {
    i18n, t, store,
    me: null, socket: null, config: null, limits: {},
    vocab: makeVocabulary(null, i18n),
    label: (kind, code) => page.vocab.label(kind, code),
    errorText: (code) => errorText(i18n, code, { max: page.limits.max_text }),
    setConn, boot,
  };
  let connState = '';

  // --- server state ----------------------------------------------------------------------------------
  let configLoading = null;
  /** GET /api/config, once; a failure is tried again on the next call. */
  function loadConfig() {
    configLoading ??= api('/api/config').then((cfg) => {
      page.config = cfg;
      page.limits = cfg.limits;
      page.vocab = makeVocabulary(cfg.vocabulary, i18n);
      return cfg;
    }).catch((ex) => { configLoading = null; throw ex; });
    return configLoading;
  }

  /** The logged-in account (GET /api/me), or null when not logged in; throws on other failures. */
  async function whoami() {
    try {
      return await api('/api/me');
    } catch (ex) {
      if (ex.status === 401) return null;
      throw ex;
    }
  }

  // --- what shows --------------------------------------------------------------------------------------
  function setConn(state) {
    connState = state;
    const c = $('#conn');
    c.className = `pill ${state === 'connected' ? 'ok' : state ? 'bad' : ''}`;
    c.textContent = state ? t(state) : '';
  }

  function showMe() {
    const me = page.me;
    $('#me').textContent = me ? `${me.username} (${t(`staff_${me.role}`)})` : '';
  }

  function showLogin(messageText) {
    $('#view-login').hidden = false;
    $('#logout').hidden = true;
    const err = $('#login-error');
    err.textContent = messageText || '';
    err.hidden = !messageText;
    $('#username').focus();
  }

  // --- login, logout -------------------------------------------------------------------------------------
  /** The authenticator-code field: shown once the server answers `otp_required` (the password was right). */
  function showOtp(show) {
    $('#otp').hidden = !show;
    $('#otp-label').hidden = !show;
    $('#otp').required = show;
    if (!show) $('#otp').value = '';
  }

  async function login(e) {
    e.preventDefault();
    $('#login-error').hidden = true;
    const body = { username: $('#username').value.trim(), password: $('#password').value };
    const otp = $('#otp').value.replace(/\s+/g, '');
    if (!$('#otp').hidden && otp) body.otp = otp;
    let me;
    try {
      // The answer's token is for non-browser clients; this page uses the cookie the answer sets.
      await api('/api/login', { method: 'POST', body });
      me = await whoami();
    } catch (ex) {
      $('#otp').value = ''; // a code works once: a failed one is never worth sending again
      if (ex.code === 'otp_required') {
        showOtp(true);
        showLogin(t('otp_needed'));
        $('#otp').focus();
        return;
      }
      showLogin(ex.code === 'unauthorized' ? t('login_failed') : page.errorText(ex.code));
      return;
    }
    $('#password').value = '';
    showOtp(false);
    if (!me) { showLogin(t('login_failed')); return; }
    if (!opts.mayUse(me)) {
      await api('/api/logout', { method: 'POST', body: {} }).catch(() => null);
      showLogin(t(opts.refusedKey));
      return;
    }
    enter(me);
  }

  function enter(me) {
    page.me = me;
    showMe();
    $('#view-login').hidden = true;
    $('#login-error').hidden = true;
    $('#logout').hidden = false;
    if (opts.namespace) connect();
    opts.onEnter(me);
  }

  /** Back to the login form: the socket closed, the page's views hidden. */
  function leave(messageKey) {
    const socket = page.socket;
    page.socket = null;
    socket?.disconnect();
    page.me = null;
    opts.onLeave();
    showMe();
    setConn('');
    showLogin(messageKey ? t(messageKey) : '');
  }

  async function logout() {
    const socket = page.socket;
    page.socket = null;
    socket?.disconnect(); // first, so the server's disconnect at logout is not taken for a lost login
    await api('/api/logout', { method: 'POST', body: {} }).catch(() => null);
    leave(null);
  }

  // --- the socket ------------------------------------------------------------------------------------------
  function connect() {
    if (typeof window.io !== 'function') { setConn('disconnected'); return; }
    // No `auth`: the server reads the login from the session cookie, on every (re)connect.
    const socket = window.io(opts.namespace, { reconnectionDelayMax: 5000 });
    const current = () => page.socket === socket;
    page.socket = socket;
    setConn('reconnecting');
    socket.on('connect', () => {
      if (!current()) return;
      setConn('connected');
      if (!page.config) loadConfig().then(() => opts.onLanguage()).catch(() => null);
      opts.onConnect(socket);
    });
    socket.on('disconnect', async (reason) => {
      if (!current()) return;
      setConn('reconnecting');
      // The server closed it (a logout elsewhere, or the login ended): the client does not retry by itself.
      if (reason === 'io server disconnect') {
        const me = await whoami().catch(() => undefined);
        if (!current()) return;
        if (me === null) leave('session_ended');
        else setTimeout(() => { if (current()) socket.connect(); }, RETRY_MS);
      }
    });
    socket.on('connect_error', (err) => {
      if (!current()) return;
      if (err?.data?.error === 'unauthorized') { leave('session_ended'); return; }
      setConn('reconnecting');
      // A refusal by the server (not a network error) is not retried by the client by itself.
      if (!socket.active) setTimeout(() => { if (current()) socket.connect(); }, RETRY_MS);
    });
    opts.onSocket(socket);
  }

  // --- boot -----------------------------------------------------------------------------------------------
  async function boot() {
    i18n.apply();
    bindLangSwitch($('#lang'), i18n);
    i18n.onChange(() => { setConn(connState); showMe(); opts.onLanguage(); });
    $('#login-form').addEventListener('submit', login);
    $('#username').addEventListener('input', () => showOtp(false)); // another name: its own answer
    $('#logout').addEventListener('click', logout);
    let me = null;
    let problem = '';
    try {
      [me] = await Promise.all([whoami(), loadConfig().catch(() => null)]);
    } catch (ex) {
      problem = page.errorText(ex.code);
    }
    if (me && opts.mayUse(me)) enter(me);
    else showLogin(me ? t(opts.refusedKey) : problem);
  }

  return page;
}
