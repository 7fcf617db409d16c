// Admin page: accounts, canned responses, referral directory, opening hours and safe words.
// Protocol: docs/protocol.md, the /api/admin/* endpoints, GET/PUT /api/canned and /api/directory.
// No socket: everything here is a plain HTTP call with the session cookie (staff.js logs in and out).
import { $, $$, clear, clientId, el, onReady } from './common.js';
import { staffPage } from './staff.js';

const DICT = {
  nl: {
    title: 'Beheer', sections: 'Onderdelen', login_title: 'Inloggen (beheerder)', not_admin: 'Dit account is geen beheerder.',
    nav_accounts: 'Accounts', nav_canned: 'Standaardteksten', nav_directory: 'Verwijsgids', nav_hours: 'Openingstijden', nav_safewords: 'Codewoorden',
    accounts: 'Accounts', col_name: 'Naam', col_role: 'Rol', col_skills: 'Wachtrijen', col_languages: 'Talen', col_2fa: 'Tweede factor',
    col_status: 'Status', col_action: 'Actie', edit: 'Bewerken', all_queues: 'alle', all_languages: 'alle',
    active: 'actief', inactive: 'gedeactiveerd', deactivate: 'Deactiveren', activate: 'Weer activeren',
    has_2fa: 'gekoppeld', no_2fa: 'geen', no_2fa_blocked: 'geen (kan niet inloggen)',
    self_hint: 'Je eigen rol en status wijzig je hier niet: zo sluit je jezelf niet buiten.',
    skills_legend: 'Wachtrijen (niets aangevinkt: alle)', languages_label: 'Talen (ISO-codes met komma’s; leeg: alle)',
    new_password: 'Nieuw wachtwoord (minstens 8 tekens)', reset_password: 'Wachtwoord instellen', save: 'Opslaan',
    enrol_2fa: 'Authenticator-app koppelen', remove_2fa: 'Tweede factor verwijderen',
    state_2fa_on: 'De authenticator-app is gekoppeld. Opnieuw koppelen maakt de oude ongeldig.',
    state_2fa_off: 'Nog geen authenticator-app gekoppeld.', state_2fa_needed: 'Deze rol moet een authenticator-app hebben om in te loggen.',
    uri_hint: 'Geef deze link alleen persoonlijk door (of laat de code intypen in de app) en sluit dit daarna. Hij wordt niet opnieuw getoond.',
    new_account: 'Nieuw account', create: 'Account aanmaken', account_of: 'Account: {name}',
    created: 'Account {name} is aangemaakt.', saved: 'Opgeslagen.', password_set: 'Nieuw wachtwoord ingesteld; lopende logins van {name} zijn beëindigd.',
    deactivated: '{name} is gedeactiveerd en uitgelogd.', activated: '{name} kan weer inloggen.',
    totp_removed: 'De tweede factor van {name} is verwijderd.', confirm_2fa: 'Een nieuwe koppeling maakt de huidige app van {name} ongeldig en logt {name} uit. Doorgaan?',
    bad_name: 'Gebruikersnaam: 1–64 letters, cijfers, punt, liggend streepje of koppelteken.', bad_password: 'Het wachtwoord moet minstens 8 tekens hebben.',
    bad_languages: 'Talen: ISO-codes zoals nl, en, fr, gescheiden door komma’s.', err_already_exists: 'Er bestaat al een account met deze naam.',
    canned: 'Standaardteksten', canned_hint: 'Hulpverleners kiezen deze teksten in de console. Een tekst zonder inhoud wordt niet bewaard.',
    canned_title: 'Titel', canned_text: 'Tekst', add_row: 'Regel toevoegen', remove: 'Verwijderen',
    directory: 'Verwijsgids', directory_hint: 'Organisaties waarnaar hulpverleners verwijzen. De code blijft gelijk zodra hij in gebruik is: de cijfers tellen verwijzingen per code.',
    d_id: 'Code', d_name: 'Naam', d_country: 'Land', d_phone: 'Telefoon', d_url: 'Website', d_description: 'Omschrijving',
    bad_directory: 'Elke regel heeft een unieke code en een naam; een website begint met https://.',
    hours: 'Openingstijden', always_open: 'Altijd open (24/7)', col_day: 'Dag', col_open: 'Open', col_from: 'Van', col_until: 'Tot',
    hours_hint: 'Een eindtijd vóór de begintijd loopt door na middernacht. Tot 00:00 betekent tot het einde van de dag.',
    hours_text: 'Als tekst (geavanceerd)', hours_complex: 'Deze openingstijden hebben meer dan één blok per dag: bewerk ze als tekst.',
    no_days: 'Vink minstens één dag aan, of ‘Altijd open’.', hours_reset: 'Terug naar de serverinstelling', hours_now_open: 'Nu binnen de openingstijden', hours_now_closed: 'Nu buiten de openingstijden',
    hours_source_admin: 'ingesteld op deze pagina', hours_source_env: 'de serverinstelling (HELPLINE_OPENING_HOURS)',
    hours_state: '{now} ({zone}); {online} hulpverlener(s) online. Deze tijden zijn {source}.', bad_hours: 'Deze openingstijden kloppen niet. Vorm: mon-fri 09:00-22:00; sat,sun 12:00-20:00',
    day_mon: 'maandag', day_tue: 'dinsdag', day_wed: 'woensdag', day_thu: 'donderdag', day_fri: 'vrijdag', day_sat: 'zaterdag', day_sun: 'zondag',
    safewords: 'Codewoorden', safewords_hint: 'Zinnen die een bezoeker kan typen als iemand meekijkt. Het gesprek wordt dan stil acuut: de bezoeker ziet niets veranderen, de hulpverlener ziet waarom. Eén zin per regel.',
    bad_safewords: 'Hoogstens 50 zinnen per taal, van hoogstens 80 tekens.', lang_nl: 'Nederlands', lang_en: 'Engels', lang_fr: 'Frans',
  },
  en: {
    title: 'Administration', sections: 'Sections', login_title: 'Log in (administrator)', not_admin: 'This account is not an administrator.',
    nav_accounts: 'Accounts', nav_canned: 'Canned responses', nav_directory: 'Referral directory', nav_hours: 'Opening hours', nav_safewords: 'Safe words',
    accounts: 'Accounts', col_name: 'Name', col_role: 'Role', col_skills: 'Queues', col_languages: 'Languages', col_2fa: 'Second factor',
    col_status: 'Status', col_action: 'Action', edit: 'Edit', all_queues: 'all', all_languages: 'all',
    active: 'active', inactive: 'deactivated', deactivate: 'Deactivate', activate: 'Activate again',
    has_2fa: 'enrolled', no_2fa: 'none', no_2fa_blocked: 'none (cannot log in)',
    self_hint: 'You cannot change your own role or status here, so you cannot lock yourself out.',
    skills_legend: 'Queues (none ticked: all)', languages_label: 'Languages (ISO codes, comma-separated; empty: all)',
    new_password: 'New password (at least 8 characters)', reset_password: 'Set password', save: 'Save',
    enrol_2fa: 'Link authenticator app', remove_2fa: 'Remove second factor',
    state_2fa_on: 'An authenticator app is linked. Linking again makes the old one invalid.',
    state_2fa_off: 'No authenticator app linked yet.', state_2fa_needed: 'This role needs an authenticator app to log in.',
    uri_hint: 'Hand this link over in person only (or let them type the key into the app), then close this. It is not shown again.',
    new_account: 'New account', create: 'Create account', account_of: 'Account: {name}',
    created: 'Account {name} created.', saved: 'Saved.', password_set: 'New password set; {name}’s current logins have ended.',
    deactivated: '{name} is deactivated and logged out.', activated: '{name} can log in again.',
    totp_removed: 'The second factor of {name} was removed.', confirm_2fa: 'A new link makes {name}’s current app invalid and logs {name} out. Continue?',
    bad_name: 'Username: 1–64 letters, digits, dot, underscore or hyphen.', bad_password: 'The password needs at least 8 characters.',
    bad_languages: 'Languages: ISO codes such as nl, en, fr, separated by commas.', err_already_exists: 'An account with this name exists already.',
    canned: 'Canned responses', canned_hint: 'Counsellors pick these texts in the console. A response without text is not kept.',
    canned_title: 'Title', canned_text: 'Text', add_row: 'Add row', remove: 'Remove',
    directory: 'Referral directory', directory_hint: 'Organisations counsellors refer to. Keep a code once it is in use: the statistics count referrals per code.',
    d_id: 'Code', d_name: 'Name', d_country: 'Country', d_phone: 'Phone', d_url: 'Website', d_description: 'Description',
    bad_directory: 'Every row needs a unique code and a name; a website starts with https://.',
    hours: 'Opening hours', always_open: 'Always open (24/7)', col_day: 'Day', col_open: 'Open', col_from: 'From', col_until: 'Until',
    hours_hint: 'An end before the start runs on past midnight. Until 00:00 means until the end of the day.',
    hours_text: 'As text (advanced)', hours_complex: 'These opening hours have more than one block a day: edit them as text.',
    no_days: 'Tick at least one day, or ‘Always open’.', hours_reset: 'Back to the server setting', hours_now_open: 'Within opening hours now', hours_now_closed: 'Outside opening hours now',
    hours_source_admin: 'set on this page', hours_source_env: 'the server setting (HELPLINE_OPENING_HOURS)',
    hours_state: '{now} ({zone}); {online} counsellor(s) online. These hours are {source}.', bad_hours: 'These opening hours are not valid. Form: mon-fri 09:00-22:00; sat,sun 12:00-20:00',
    day_mon: 'Monday', day_tue: 'Tuesday', day_wed: 'Wednesday', day_thu: 'Thursday', day_fri: 'Friday', day_sat: 'Saturday', day_sun: 'Sunday',
    safewords: 'Safe words', safewords_hint: 'Phrases a visitor can type when someone is reading along. The conversation then becomes acute silently: the visitor sees nothing change, the counsellor sees why. One phrase per line.',
    bad_safewords: 'At most 50 phrases per language, of at most 80 characters.', lang_nl: 'Dutch', lang_en: 'English', lang_fr: 'French',
  },
  fr: {
    title: 'Administration', sections: 'Sections', login_title: 'Connexion (administrateur)', not_admin: 'Ce compte n’est pas administrateur.',
    nav_accounts: 'Comptes', nav_canned: 'Réponses types', nav_directory: 'Répertoire d’orientation', nav_hours: 'Heures d’ouverture', nav_safewords: 'Mots codés',
    accounts: 'Comptes', col_name: 'Nom', col_role: 'Rôle', col_skills: 'Files', col_languages: 'Langues', col_2fa: 'Deuxième facteur',
    col_status: 'Statut', col_action: 'Action', edit: 'Modifier', all_queues: 'toutes', all_languages: 'toutes',
    active: 'actif', inactive: 'désactivé', deactivate: 'Désactiver', activate: 'Réactiver',
    has_2fa: 'relié', no_2fa: 'aucun', no_2fa_blocked: 'aucun (connexion impossible)',
    self_hint: 'Tu ne modifies pas ici ton propre rôle ni ton statut : ainsi tu ne peux pas t’exclure.',
    skills_legend: 'Files (aucune cochée : toutes)', languages_label: 'Langues (codes ISO séparés par des virgules ; vide : toutes)',
    new_password: 'Nouveau mot de passe (8 caractères au moins)', reset_password: 'Définir le mot de passe', save: 'Enregistrer',
    enrol_2fa: 'Relier une application d’authentification', remove_2fa: 'Supprimer le deuxième facteur',
    state_2fa_on: 'Une application d’authentification est reliée. La relier à nouveau invalide l’ancienne.',
    state_2fa_off: 'Aucune application d’authentification reliée.', state_2fa_needed: 'Ce rôle doit avoir une application d’authentification pour se connecter.',
    uri_hint: 'Ne transmets ce lien qu’en personne (ou fais saisir la clé dans l’application), puis ferme ceci. Il ne sera plus affiché.',
    new_account: 'Nouveau compte', create: 'Créer le compte', account_of: 'Compte : {name}',
    created: 'Le compte {name} est créé.', saved: 'Enregistré.', password_set: 'Nouveau mot de passe défini ; les connexions de {name} sont terminées.',
    deactivated: '{name} est désactivé·e et déconnecté·e.', activated: '{name} peut de nouveau se connecter.',
    totp_removed: 'Le deuxième facteur de {name} est supprimé.', confirm_2fa: 'Un nouveau lien invalide l’application actuelle de {name} et le/la déconnecte. Continuer ?',
    bad_name: 'Nom d’utilisateur : 1 à 64 lettres, chiffres, point, tiret bas ou tiret.', bad_password: 'Le mot de passe doit avoir au moins 8 caractères.',
    bad_languages: 'Langues : codes ISO comme nl, en, fr, séparés par des virgules.', err_already_exists: 'Un compte de ce nom existe déjà.',
    canned: 'Réponses types', canned_hint: 'Les intervenant·es choisissent ces textes dans la console. Une réponse sans texte n’est pas conservée.',
    canned_title: 'Titre', canned_text: 'Texte', add_row: 'Ajouter une ligne', remove: 'Supprimer',
    directory: 'Répertoire d’orientation', directory_hint: 'Les organisations vers lesquelles on oriente. Garde un code une fois utilisé : les chiffres comptent les orientations par code.',
    d_id: 'Code', d_name: 'Nom', d_country: 'Pays', d_phone: 'Téléphone', d_url: 'Site web', d_description: 'Description',
    bad_directory: 'Chaque ligne a un code unique et un nom ; un site web commence par https://.',
    hours: 'Heures d’ouverture', always_open: 'Toujours ouvert (24/7)', col_day: 'Jour', col_open: 'Ouvert', col_from: 'De', col_until: 'À',
    hours_hint: 'Une fin avant le début continue après minuit. Jusqu’à 00:00 signifie jusqu’à la fin de la journée.',
    hours_text: 'En texte (avancé)', hours_complex: 'Ces heures ont plus d’un bloc par jour : modifie-les en texte.',
    no_days: 'Coche au moins un jour, ou « Toujours ouvert ».', hours_reset: 'Revenir au réglage du serveur', hours_now_open: 'Dans les heures d’ouverture', hours_now_closed: 'Hors des heures d’ouverture',
    hours_source_admin: 'définies sur cette page', hours_source_env: 'le réglage du serveur (HELPLINE_OPENING_HOURS)',
    hours_state: '{now} ({zone}) ; {online} intervenant·e(s) en ligne. Ces heures sont {source}.', bad_hours: 'Ces heures ne sont pas valides. Forme : mon-fri 09:00-22:00; sat,sun 12:00-20:00',
    day_mon: 'lundi', day_tue: 'mardi', day_wed: 'mercredi', day_thu: 'jeudi', day_fri: 'vendredi', day_sat: 'samedi', day_sun: 'dimanche',
    safewords: 'Mots codés', safewords_hint: 'Des phrases qu’un visiteur peut taper si quelqu’un regarde. La conversation devient alors aiguë en silence : le visiteur ne voit rien changer, l’intervenant·e voit pourquoi. Une phrase par ligne.',
    bad_safewords: '50 phrases au maximum par langue, de 80 caractères au maximum.', lang_nl: 'néerlandais', lang_en: 'anglais', lang_fr: 'français',
  },
};

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const NAME_RE = /^[\p{L}\p{N}._-]{1,64}$/u;
const LANG_RE = /^[a-z-]{1,8}$/;
const VIEWS = ['accounts', 'canned', 'directory', 'hours', 'safewords'];

const page = staffPage({
  texts: DICT, langKey: 'hl.a.lang', namespace: null,
  mayUse: (me) => me.role === 'admin', refusedKey: 'not_admin',
  onEnter, onLeave, onSocket: () => {}, onConnect: () => {}, onLanguage,
});
const { i18n, t } = page;
const S = { view: 'accounts', accounts: [], roles: [], skills: [], require2fa: [], editing: null, hours: null, words: null };

// --- talking to the server: like common.js's api(), but keeping the server's `detail` -------------
async function call(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch (_) {
    throw Object.assign(new Error('network'), { code: 'network', status: 0 });
  }
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  if (res.status === 401) { window.location.reload(); } // the login ended: back to the login form
  if (!res.ok) throw Object.assign(new Error(data?.error ?? 'unavailable'), { code: data?.error ?? 'unavailable', status: res.status, detail: data?.detail ?? '' });
  return data;
}

function showError(node, ex, fallbackKey) {
  let text = page.errorText(ex.code);
  if (ex.code === 'bad_request') text = fallbackKey ? t(fallbackKey) : `${text} ${ex.detail || ''}`;
  node.textContent = text;
  node.hidden = false;
}

function notify(text) {
  const n = $('#notice');
  n.textContent = text;
  n.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { n.hidden = true; }, 6000);
}

// --- entering, leaving, views ----------------------------------------------------------------------
function onEnter() {
  $('#nav').hidden = false;
  showView(S.view);
}

function onLeave() {
  for (const v of VIEWS) $(`#view-${v}`).hidden = true;
  $('#nav').hidden = true;
  $('#notice').hidden = true;
  S.editing = null;
}

function onLanguage() {
  if (!page.me) return;
  renderAccounts();
  if (S.editing) openEdit(S.editing);
  fillSkillBoxes($('#acc-new'), []);
  renderHoursState();
  renderDayTable();
  renderSafeWords();
  for (const sel of $$('.c-lang')) sel.setAttribute('aria-label', t('language'));
}

function showView(name) {
  S.view = name;
  for (const v of VIEWS) $(`#view-${v}`).hidden = v !== name;
  for (const b of $$('#nav [data-view]')) b.setAttribute('aria-pressed', String(b.dataset.view === name));
  for (const e of $$('.sv .error')) e.hidden = true;
  if (name === 'accounts') loadAccounts();
  if (name === 'canned') loadCanned();
  if (name === 'directory') loadDirectory();
  if (name === 'hours') loadHours();
  if (name === 'safewords') loadSafeWords();
}

// --- accounts -----------------------------------------------------------------------------------------
async function loadAccounts() {
  try {
    const r = await call('/api/admin/accounts');
    S.accounts = r.accounts; S.roles = r.roles; S.skills = r.skills; S.require2fa = r.require_2fa;
    $('#acc-error').hidden = true;
  } catch (ex) { showError($('#acc-error'), ex); return; }
  for (const form of [$('#acc-new'), $('#acc-edit')]) fillRoles(form.querySelector('.f-role'));
  fillSkillBoxes($('#acc-new'), []);
  renderAccounts();
  if (S.editing) openEdit(S.editing);
}

function fillRoles(sel) {
  const keep = sel.value;
  clear(sel);
  for (const r of S.roles) sel.append(el('option', { value: r, text: t(`staff_${r}`) }));
  sel.value = keep || 'counsellor';
}

function fillSkillBoxes(form, checked) {
  const box = form.querySelector('.ad-skills');
  for (const n of $$('label', box)) n.remove();
  for (const code of S.skills) {
    box.append(el('label', { class: 'ad-check' },
      el('input', { type: 'checkbox', value: code, props: { checked: checked.includes(code) } }), ` ${page.label('queues', code)}`));
  }
}

const skillsOf = (form) => $$('.ad-skills input:checked', form).map((i) => i.value);

function languagesOf(form) {
  const list = form.querySelector('.f-languages').value.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  return list.every((l) => LANG_RE.test(l)) ? list : null;
}

function secondFactorText(a) {
  if (a.totp) return t('has_2fa');
  return a.needs_totp ? t('no_2fa_blocked') : t('no_2fa');
}

function renderAccounts() {
  const tbody = clear($('#acc-table tbody'));
  for (const a of S.accounts) {
    tbody.append(el('tr', { class: a.active ? '' : 'ad-inactive', dataset: { name: a.username } },
      el('td', { text: a.username }),
      el('td', { text: t(`staff_${a.role}`) }),
      el('td', { class: 'labels', text: a.skills.length ? page.vocab.labels('queues', a.skills) : t('all_queues') }),
      el('td', { text: a.languages.length ? a.languages.join(', ') : t('all_languages') }),
      el('td', { text: secondFactorText(a) }),
      el('td', { text: a.active ? t('active') : t('inactive') }),
      el('td', { class: 'action' }, el('button', { type: 'button', class: 'btn small', text: t('edit'), 'aria-pressed': String(S.editing === a.username), on: { click: () => openEdit(a.username) } }))));
  }
}

function openEdit(name) {
  const a = S.accounts.find((x) => x.username === name);
  const form = $('#acc-edit');
  if (!a) { form.hidden = true; S.editing = null; return; }
  const changed = S.editing !== name;
  S.editing = name;
  form.hidden = false;
  $('#edit-title').textContent = t('account_of', { name });
  const self = name === page.me?.username;
  $('#edit-self').hidden = !self;
  const role = form.querySelector('.f-role');
  fillRoles(role);
  role.value = a.role;
  role.disabled = self;
  fillSkillBoxes(form, a.skills);
  form.querySelector('.f-languages').value = a.languages.join(', ');
  const act = $('#edit-active');
  act.textContent = a.active ? t('deactivate') : t('activate');
  act.className = a.active ? 'btn danger' : 'btn';
  act.disabled = self;
  $('#edit-2fa-state').textContent = a.totp ? t('state_2fa_on') : a.needs_totp ? t('state_2fa_needed') : t('state_2fa_off');
  $('#edit-2fa-remove').hidden = !a.totp;
  if (changed) {
    $('#edit-2fa-uri').hidden = true;
    $('#edit-2fa-code').textContent = '';
    $('#edit-password').value = '';
    $('#edit-error').hidden = true;
  }
  renderAccounts();
}

async function saveEdit(e) {
  e.preventDefault();
  const form = $('#acc-edit');
  const err = $('#edit-error');
  err.hidden = true;
  const languages = languagesOf(form);
  if (!languages) { err.textContent = t('bad_languages'); err.hidden = false; return; }
  const body = { skills: skillsOf(form), languages };
  if (S.editing !== page.me?.username) body.role = form.querySelector('.f-role').value;
  try {
    await call(`/api/admin/accounts/${encodeURIComponent(S.editing)}`, { method: 'PATCH', body });
    notify(t('saved'));
    await loadAccounts();
  } catch (ex) { showError(err, ex); }
}

async function toggleActive() {
  const a = S.accounts.find((x) => x.username === S.editing);
  if (!a) return;
  try {
    await call(`/api/admin/accounts/${encodeURIComponent(a.username)}`, { method: 'PATCH', body: { active: !a.active } });
    notify(t(a.active ? 'deactivated' : 'activated', { name: a.username }));
    await loadAccounts();
  } catch (ex) { showError($('#edit-error'), ex); }
}

async function resetPassword() {
  const err = $('#edit-error');
  err.hidden = true;
  const password = $('#edit-password').value;
  if (password.length < 8) { err.textContent = t('bad_password'); err.hidden = false; return; }
  try {
    await call(`/api/admin/accounts/${encodeURIComponent(S.editing)}/password`, { method: 'POST', body: { password } });
    $('#edit-password').value = '';
    notify(t('password_set', { name: S.editing }));
  } catch (ex) { showError(err, ex, 'bad_password'); }
}

async function enrol() {
  const a = S.accounts.find((x) => x.username === S.editing);
  if (!a || (a.totp && !window.confirm(t('confirm_2fa', { name: a.username })))) return;
  try {
    const r = await call(`/api/admin/accounts/${encodeURIComponent(a.username)}/totp`, { method: 'POST' });
    $('#edit-2fa-code').textContent = r.uri;
    $('#edit-2fa-uri').hidden = false;
    await loadAccounts();
  } catch (ex) { showError($('#edit-error'), ex); }
}

async function removeFactor() {
  const name = S.editing;
  try {
    await call(`/api/admin/accounts/${encodeURIComponent(name)}/totp`, { method: 'DELETE' });
    $('#edit-2fa-uri').hidden = true;
    notify(t('totp_removed', { name }));
    await loadAccounts();
  } catch (ex) { showError($('#edit-error'), ex); }
}

async function createAccount(e) {
  e.preventDefault();
  const form = $('#acc-new');
  const err = $('#new-error');
  err.hidden = true;
  const username = form.querySelector('.f-name').value.trim();
  const password = form.querySelector('.f-password').value;
  const languages = languagesOf(form);
  const problem = !NAME_RE.test(username) ? 'bad_name' : password.length < 8 ? 'bad_password' : !languages ? 'bad_languages' : '';
  if (problem) { err.textContent = t(problem); err.hidden = false; return; }
  try {
    await call('/api/admin/accounts', { method: 'POST', body: { username, password, role: form.querySelector('.f-role').value, skills: skillsOf(form), languages } });
  } catch (ex) { showError(err, ex); return; }
  form.reset();
  notify(t('created', { name: username }));
  await loadAccounts();
}

// --- canned responses ---------------------------------------------------------------------------------
function languageSelect(value) {
  const langs = page.config?.languages ?? ['nl', 'en', 'fr'];
  return el('select', { class: 'c-lang', 'aria-label': t('language') },
    ...langs.map((l) => el('option', { value: l, text: l.toUpperCase(), props: { selected: value === l } })));
}

function removeButton() {
  return el('button', { type: 'button', class: 'btn small', text: t('remove'), on: { click: (e) => e.target.closest('.ad-row').remove() } });
}

function cannedRow(r = {}) {
  const row = el('div', { class: 'ad-row ad-canned', dataset: { id: String(r.id ?? '') } },
    languageSelect(r.language || i18n.lang),
    el('input', { class: 'c-title', 'aria-label': t('canned_title'), placeholder: t('canned_title'), maxlength: '120', props: { value: r.title || '' } }),
    el('textarea', { class: 'c-text', rows: '2', 'aria-label': t('canned_text'), placeholder: t('canned_text'), props: { value: r.text || '' } }),
    removeButton());
  return row;
}

async function loadCanned() {
  try {
    const r = await call('/api/canned');
    const rows = clear($('#canned-rows'));
    for (const c of r.responses) rows.append(cannedRow(c));
  } catch (ex) { showError($('#canned-error'), ex); }
}

async function saveCanned() {
  const responses = $$('.ad-canned', $('#canned-rows')).map((row) => ({
    id: row.dataset.id || `c-${clientId().slice(0, 12)}`,
    language: row.querySelector('.c-lang').value,
    title: row.querySelector('.c-title').value.trim(),
    text: row.querySelector('.c-text').value.trim(),
  })).filter((r) => r.text);
  try {
    await call('/api/canned', { method: 'PUT', body: { responses } });
    $('#canned-error').hidden = true;
    notify(t('saved'));
    await loadCanned();
  } catch (ex) { showError($('#canned-error'), ex); }
}

// --- referral directory ---------------------------------------------------------------------------------
const DIR_FIELDS = ['id', 'name', 'country', 'phone', 'url', 'description'];

function dirRow(o = {}) {
  const known = Boolean(o.id);
  return el('div', { class: 'ad-row ad-dir', dataset: { known: known ? '1' : '' } },
    ...DIR_FIELDS.map((f) => el(f === 'description' ? 'textarea' : 'input', {
      class: `d-${f}`, 'aria-label': t(`d_${f}`), placeholder: t(`d_${f}`), rows: f === 'description' ? '2' : undefined,
      readonly: f === 'id' && known ? true : undefined, maxlength: f === 'description' ? '500' : '200', props: { value: String(o[f] ?? '') },
    })),
    removeButton());
}

async function loadDirectory() {
  try {
    const r = await call('/api/directory');
    const rows = clear($('#dir-rows'));
    for (const o of r.organisations) rows.append(dirRow(o));
  } catch (ex) { showError($('#dir-error'), ex); }
}

async function saveDirectory() {
  const organisations = $$('.ad-dir', $('#dir-rows')).map((row) => Object.fromEntries(DIR_FIELDS.map((f) => [f, row.querySelector(`.d-${f}`).value.trim()])))
    .filter((o) => DIR_FIELDS.some((f) => o[f]));
  const ids = new Set(organisations.map((o) => o.id));
  const err = $('#dir-error');
  if (ids.size !== organisations.length || organisations.some((o) => !o.id || !o.name || (o.url && !/^https?:\/\//i.test(o.url)))) {
    err.textContent = t('bad_directory'); err.hidden = false; return;
  }
  try {
    await call('/api/directory', { method: 'PUT', body: { organisations } });
    err.hidden = true;
    notify(t('saved'));
    await loadDirectory();
  } catch (ex) { showError(err, ex, 'bad_directory'); }
}

// --- opening hours -----------------------------------------------------------------------------------
/** The spec as a table: day -> {start, end} (one block a day), or null when a day has several. */
function daysFromWindows(windows) {
  const days = {};
  for (const w of windows) {
    for (const d of w.days) {
      if (days[d]) return null;
      days[d] = { start: w.start, end: w.end };
    }
  }
  return days;
}

/** The table as a spec: days with the same hours share one window ("mon,tue,wed 09:00-17:00"). */
function specFromTable() {
  if ($('#hours-always').checked) return 'always';
  const groups = new Map();
  for (const d of DAYS) {
    const row = $(`#hours-table tr[data-day="${d}"]`);
    if (!row.querySelector('.h-open').checked) continue;
    const start = row.querySelector('.h-from').value || '00:00';
    let end = row.querySelector('.h-until').value || '00:00';
    if (end === '00:00') end = '24:00';
    const key = `${start}-${end}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  // No day ticked: nothing to save (a spec cannot say "never open"; the server would read "" as always).
  return [...groups.entries()].map(([span, ds]) => `${ds.join(',')} ${span}`).join('; ');
}

function renderDayTable() {
  const tbody = clear($('#hours-table tbody'));
  const h = S.hours;
  const days = h ? daysFromWindows(h.windows) : {};
  const complex = days === null;
  $('#hours-complex').hidden = !complex;
  const always = Boolean(h?.always);
  $('#hours-always').checked = always;
  for (const d of DAYS) {
    const v = days?.[d];
    const disabled = complex || always;
    tbody.append(el('tr', { dataset: { day: d } },
      el('th', { scope: 'row', text: t(`day_${d}`) }),
      el('td', {}, el('input', { type: 'checkbox', class: 'h-open', 'aria-label': `${t(`day_${d}`)}: ${t('col_open')}`, props: { checked: Boolean(v), disabled } })),
      el('td', {}, el('input', { type: 'time', class: 'h-from', step: '60', 'aria-label': `${t(`day_${d}`)}: ${t('col_from')}`, props: { value: v?.start ?? '09:00', disabled } })),
      el('td', {}, el('input', { type: 'time', class: 'h-until', step: '60', 'aria-label': `${t(`day_${d}`)}: ${t('col_until')}`, props: { value: v ? (v.end === '24:00' ? '00:00' : v.end) : '17:00', disabled } }))));
  }
  $('#hours-table').classList.toggle('ad-dim', always || complex);
}

function renderHoursState() {
  const h = S.hours;
  if (!h) return;
  $('#hours-state').textContent = t('hours_state', {
    now: t(h.open_now ? 'hours_now_open' : 'hours_now_closed'), zone: h.timezone, online: String(h.counsellors_online ?? 0),
    source: t(h.source === 'admin' ? 'hours_source_admin' : 'hours_source_env'),
  });
  $('#hours-state').className = `ad-state ${h.open_now ? 'ok' : 'closed'}`;
  $('#hours-reset').hidden = h.source !== 'admin';
}

function showHours(h) {
  S.hours = h;
  $('#hours-spec').value = h.spec;
  renderDayTable();
  renderHoursState();
}

async function loadHours() {
  try { showHours(await call('/api/admin/hours')); } catch (ex) { showError($('#hours-error'), ex); }
}

async function saveHours(e) {
  e.preventDefault();
  const err = $('#hours-error');
  err.hidden = true;
  const spec = $('#hours-spec').value.trim();
  if (!spec) { err.textContent = t('no_days'); err.hidden = false; return; }
  try {
    showHours(await call('/api/admin/hours', { method: 'PUT', body: { spec } }));
    notify(t('saved'));
  } catch (ex) { showError(err, ex, 'bad_hours'); }
}

async function resetHours() {
  try { showHours(await call('/api/admin/hours', { method: 'DELETE' })); notify(t('saved')); } catch (ex) { showError($('#hours-error'), ex); }
}

// --- safe words -----------------------------------------------------------------------------------------
function renderSafeWords() {
  const form = clear($('#sw-form'));
  const words = S.words;
  if (!words) return;
  for (const [lang, phrases] of Object.entries(words)) {
    const id = `sw-${lang}`;
    const name = i18n.has(`lang_${lang}`) ? t(`lang_${lang}`) : lang.toUpperCase();
    form.append(el('div', { class: 'card ad-form' },
      el('label', { for: id, text: `${name} (${lang})` }),
      el('textarea', { id, rows: '6', dataset: { lang }, spellcheck: 'false', props: { value: phrases.join('\n') } })));
  }
}

async function loadSafeWords() {
  try { S.words = await call('/api/admin/safe-words'); renderSafeWords(); } catch (ex) { showError($('#sw-error'), ex); }
}

async function saveSafeWords() {
  const body = {};
  for (const ta of $$('#sw-form textarea')) body[ta.dataset.lang] = ta.value.split('\n').map((s) => s.trim()).filter(Boolean);
  const err = $('#sw-error');
  err.hidden = true;
  try {
    S.words = await call('/api/admin/safe-words', { method: 'PUT', body });
    renderSafeWords();
    notify(t('saved'));
  } catch (ex) { showError(err, ex, 'bad_safewords'); }
}

// --- boot -----------------------------------------------------------------------------------------------
onReady(() => {
  for (const b of $$('#nav [data-view]')) b.addEventListener('click', () => showView(b.dataset.view));
  $('#acc-new').addEventListener('submit', createAccount);
  $('#acc-edit').addEventListener('submit', saveEdit);
  $('#edit-active').addEventListener('click', toggleActive);
  $('#edit-password-save').addEventListener('click', resetPassword);
  $('#edit-2fa').addEventListener('click', enrol);
  $('#edit-2fa-remove').addEventListener('click', removeFactor);
  $('#canned-add').addEventListener('click', () => { const row = cannedRow({ language: i18n.lang }); $('#canned-rows').append(row); row.querySelector('.c-title').focus(); });
  $('#canned-save').addEventListener('click', saveCanned);
  $('#dir-add').addEventListener('click', () => { const row = dirRow(); $('#dir-rows').append(row); row.querySelector('.d-id').focus(); });
  $('#dir-save').addEventListener('click', saveDirectory);
  $('#hours-form').addEventListener('submit', saveHours);
  $('#hours-reset').addEventListener('click', resetHours);
  // The table writes the text; the text is what is saved (it can say more than the table).
  $('#hours-table').addEventListener('change', () => { $('#hours-spec').value = specFromTable(); });
  $('#hours-always').addEventListener('change', () => {
    $('#hours-spec').value = specFromTable();
    for (const i of $$('#hours-table input')) i.disabled = $('#hours-always').checked;
    $('#hours-table').classList.toggle('ad-dim', $('#hours-always').checked);
  });
  $('#sw-save').addEventListener('click', saveSafeWords);
  page.boot();
});
