"""Keyword lexicons (regular expressions on lower-cased text) for languages without a spaCy pipeline
here. Enough to surface the common signals for a counsellor who speaks the language.
Entries: (code, weight, regex). Evidence offsets come straight from the regex match.

How the entries are meant to be read:
- weight >= 0.5 fires a signal on its own; weaker cues (0.25-0.45) need a second one in the
  conversation (noisy-OR), so ambiguous words ("boss", "farm", "in the car") only count together.
- Written the way people type on a phone: no diacritics, informal spellings. For Latin-script
  languages patterns are written in plain ASCII and `_fold` widens each letter to its accented
  forms (Romanian s -> [sșş], Turkish i -> [iıİ], Vietnamese a -> all a-vowels ...).
- Language identification is unreliable on short messages (Pashto reads as Persian, Tagalog or
  romanised Arabic/Persian/Tigrinya as anything Latin). Lexicons are therefore pooled per script:
  every Latin-script lexicon applies to every non-core Latin language code, Cyrillic to Cyrillic,
  Arabic-script to Arabic-script, Ge'ez to Ge'ez. Patterns are kept specific enough for that.
- Every regex is linear: only bounded gaps (.{0,40}), no nested quantifiers.
- There is no negation or past-tense scope here: keep patterns to present, affirmative wording.
"""

from __future__ import annotations

Entry = tuple[str, float, str]

# --- folding: ASCII pattern letters -> classes with the accented forms ------------------------
_RO = {"a": "aăâ", "i": "iî", "s": "sșş", "t": "tțţ"}
_TR = {"i": "iıİ", "s": "sş", "g": "gğ", "u": "uü", "o": "oö", "c": "cç"}
_PL = {"a": "aą", "c": "cć", "e": "eę", "l": "lł", "n": "nń", "o": "oó", "s": "sś", "z": "zżź"}
_PT = {"a": "aáàâã", "e": "eéê", "i": "ií", "o": "oóôõ", "u": "uú", "c": "cç"}
_ES = {"a": "aá", "e": "eé", "i": "ií", "o": "oó", "u": "uúü", "n": "nñ"}
_SQ = {"e": "eë", "c": "cç"}
_VI = {"a": "aàáảãạăằắẳẵặâầấẩẫậ", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị", "o": "oòóỏõọôồốổỗộơờớởỡợ",
       "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ", "d": "dđ"}


def _fold(rx: str, table: dict[str, str]) -> str:
    """Widen each plain letter of a regex to its accented variants; escapes and classes stay valid."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(rx):
        ch = rx[i]
        if ch == "\\":
            out.append(rx[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
                out.append(ch)
            else:
                out.append(table.get(ch, ch))
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch in table:
            out.append("[" + table[ch] + "]")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _f(entries: list[Entry], table: dict[str, str]) -> list[Entry]:
    return [(c, w, _fold(rx, table)) for c, w, rx in entries]


# --- Romanian ----------------------------------------------------------------------------------
RO = _f([
    ("acute_danger", 0.7, r"\b(vine|vin|ajunge|ajung|urca)\b.{0,25}\b(acum|imediat|in \d+ ?min|diseara|deseara|la noapte|in seara asta)\b"),
    ("acute_danger", 0.7, r"\b(acum|imediat|diseara|deseara|la noapte)\b.{0,20}\b(vine|vin|ajunge)\b"),
    ("acute_danger", 0.6, r"\bvine (un|o|niste|doi|trei) (prieten|client|om|tip|barbat|domn)"),
    ("acute_danger", 0.6, r"\b(e|sunt|sta|asteapta) (jos|la usa|in fata blocului|afara in masina)\b"),
    ("acute_danger", 0.7, r"\bm-am ascuns|\bma ascund\b|\bascuns[ae]? (in|sub) (baie|dulap|toaleta|pat)"),
    ("acute_danger", 0.6, r"\b(m-a|ne-a|ne-au|m-au|a) (incuiat|inchis)\b|\bincuiat usa|\busa e incuiata|\bsuntem incuiati|\bnu am cheie"),
    ("acute_danger", 0.9, r"(incuiat[aă]|inchis[aă]).{0,30}acum|acum.{0,30}(incuiat|inchis[aă])"),
    ("acute_danger", 0.6, r"\b(ne|ma) (duc|duce|muta) acum\b|\bsuntem (in|intr-o|intr-un) (masina|duba|dubita|microbuz|camion)|\bsunt in masina (cu el|lor|lui)"),
    ("acute_danger", 0.4, r"\bnu stim unde (suntem|ne duc)|\bam unul ascuns|\btelefon ascuns|\bscriu pe ascuns"),
    ("acute_danger", 0.7, r"\b(are|cu) (un )?(cutit|pistol)\b"),
    ("acute_danger", 0.5, r"\bcurge sange|\bsangereaza|\bsangerez\b|\bnu mai respira|\blesinat|\binconstient"),
    ("acute_danger", 0.45, r"\be (inca )?in casa\b|\bsunt (singur[aă] )?in camera de hotel"),
    ("acute_danger", 0.7, r"\bpe pod\b|\bpe acoperis|\bvreau sa sar\b|\bo sa sara\b|\bam (luat )?(toate )?pastilele|\badio tuturor|\biertati-ma\b"),
    ("acute_danger", 0.4, r"ajutati-ma|\bajutor\b"),
    ("self_harm", 0.9, r"vreau s[aă] mor|m[aă] sinucid|sinucidere"),
    ("self_harm", 0.8, r"\bsa ma omor\b|\bma omor\b|\bnu mai vreau sa (traiesc|exist)|\bma tai pe (maini|brate)|\bmi-am taiat venele|\bsa dispar pentru totdeauna|\bam (luat )?(toate )?pastilele"),
    ("grooming", 0.6, r"\bzice ca ma iubeste|\b(iubitul|prietenul) (meu )?m-a adus\b|\bpromis ca (se|ne) casatori|\bmi-a cumparat tot|\bimi cumpara tot|\bsa nu (le )?spun (la )?(mama|parintilor|nimanui)"),
    ("grooming", 0.3, r"\biubitul meu\b"),
    ("sexual_exploitation", 0.9, r"sex cu b[aă]rba[tț]i|prostitu"),
    ("sexual_exploitation", 0.7, r"\bsa stau cu barbati|\bsa lucrez pe strada|\bpe strada la\b|\b(la|in) vitrina\b|\bescorta|\bsa ma culc cu|\bsa fiu draguta cu\b|\bvideochat|\bclientii\b|\bclienti\b"),
    ("sextortion", 0.7, r"\b(poze|pozele|video|filmul|filmulet)\b.{0,40}\b(trimite|publica|posteaza|arata)\b|\b(trimite|publica|posteaza|arata)\b.{0,40}\b(pozele|poze cu mine|filmul|video cu mine)|\bpoze (nud|goale|intime)"),
    ("criminal_exploitation", 0.85, r"s[aă] fur|furat din magazine|droguri|s[aă] vând droguri|cardul meu"),
    ("criminal_exploitation", 0.6, r"\bfura din\b|\bfuram\b|\bsa bag .{0,20}(in|sub) (geaca|haine|buzunar)|\bportofele|\bsa cersesc|\bcerseasca|\bcersit|\bsa cer bani|\bcolete\b|\bcontract(e)? pe numele (meu|mele)"),
    ("criminal_exploitation", 0.35, r"\bcat trebuie sa aducem|\bdaca nu aduc(e)? \d+|\bsa aducem \d+"),
    ("labour_exploitation", 0.85, r"\d+ (de )?ore pe zi|nu sunt pl[aă]tit|f[aă]r[aă] salariu|nu m[aă] pl[aă]te[sș]te"),
    ("labour_exploitation", 0.6, r"\b\d+ ?- ?\d+ ore\b|\blucram \d+ de ore|\bplatesc doar\b|\b[1-7] euro pe ora|\bnu (ne|mi|mi-a|ne-a|ne-au) (mai )?(dat|platit) (niciun ban|banii|salariul)|\bdormim (in|pe) (hala|depozit|container|saltele)|\blocuim cate \d+|\bcate \d+ intr-o camera|\bpierd locul de munca"),
    ("labour_exploitation", 0.3, r"\bferma\b|\bciuperci|\bcapsuni|\bsparanghel|\babator|\bfabrica de|\bdepozit\b|\bpatronul\b|\bseful\b|\bagentie|\bfara contract|\bne ia \d+|\bne iau \d+|\bdin salariu"),
    ("debt_bondage", 0.9, r"\bdatori(a|e|i|ile)?\b|\bdator(ez|am|ati|eaza)\b|s[aă] pl[aă]tesc înapoi|sa platesc inapoi"),
    ("debt_bondage", 0.6, r"\bsa-i dau banii inapoi|\bbanii inapoi\b|\bpentru drum (si|sau) cazare|\bsa platim drumul"),
    ("control_restriction", 0.9, r"pa[sș]aport|mi-au luat (telefonul|actele)|nu am voie să ies|nu am voie sa ies|încuiat|inchis[aă]|închis[aă]"),
    ("control_restriction", 0.7, r"\bbuletin(ul|ele)\b|\b(ne|mi|mi-au|ne-au|mi-a|ne-a) (luat|tin) (telefoanele|telefonul|actele|buletin|cartea)|\bia toti banii|\bbanii (merg|ajung) la el|\bnu (ma|o|ne) las(a)? sa (ies|sun|vorbesc|plec|plece)|\bnu are voie sa|\bnu stiu adresa|\bnu stie adresa"),
    ("violence_threats", 0.9, r"m[aă] bate|m[aă] amenin[tț][aă]|amenin[tț]|m-a violat|omoar[aă]"),
    ("violence_threats", 0.7, r"\bm-a (lovit|batut|palmuit|strans de gat)\b|\b(il|ne|o|te) (bat|bate|lovesc|loveste)\b|\bte omor\b|\bva omor\b"),
    ("violence_threats", 0.5, r"\b(merge|vine) (el )?la familia\b|\bvedem noi\b|\bo sa vezi tu\b"),
    ("missing_runaway", 0.7, r"\bam fugit\b|\ba fugit\b|\bfugit de acasa|\bplecat[aă]? de acasa|\bnu (a )?mai (venit|vine) acasa|\bnu s-a (mai )?intors|\bdisparut[aă]?\b|\bdorm pe strada|\bdorm in gara"),
    ("unaccompanied_migrant", 0.8, r"am venit singur|f[aă]r[aă] p[aă]rin[tț]i"),
    ("unaccompanied_migrant", 0.4, r"\bcentru(l)? de (azil|refugiati)|\bcerere de azil|\bparintii (mei )?(sunt )?in (romania|moldova)"),
    ("family_perpetrator", 0.7, r"\b(tata|tatal (meu|ei|lui)|taica-miu|mama|maica-mea|unchiu-miu|unchiul( meu)?|var-miu|varul meu|verii( lui)?|fratele (meu|mai mare)|soacra|socrul|matusa|bunicul)\b.{0,50}\b(ma (pune|trimite|obliga|vinde|marita)|ne (pune|trimite|obliga|zice cat)|il (pune|trimite|iau)|o (pune|trimite|vinde|marita|bate)|sa fur|cerse|organizeaza|ia (toti )?banii|asteapta afara)"),
    ("family_perpetrator", 0.6, r"\basa (ii|imi|ne) cere tata|\bm-a invatat tata|\basa se face in familie|\bde la \d+ (m-au|m-a) maritat|\bsunt maritata de la \d+"),
], _RO)

# --- Polish ------------------------------------------------------------------------------------
PL = _f([
    ("acute_danger", 0.9, r"zamkni[eę]t[aey] w pokoju teraz|teraz.{0,20}zamkni|zamkni.{0,30}teraz"),
    ("acute_danger", 0.7, r"\b(stoi|stoja|czeka|czekaja) pod (domem|drzwiami|blokiem)|\bdobija sie|\b(juz )?(jedzie|jada|idzie|ida) (tu|tutaj|po mnie|po nas)\b|\bza \d+ ?min"),
    ("acute_danger", 0.6, r"\bzamkn(al|ela|eli) (mnie|nas)\b|\bzamknelismy drzwi|\bjestem zamknieta|\bjestesmy zamknieci|\bchowam sie|\bschowal(am|em) sie|\bw lazience\b"),
    ("acute_danger", 0.7, r"\bw samochodzie z (dwoma|nim|obcym)|\bwioza (mnie|nas)|\bjada do (niemiec|belgii|francji)|\bjedziemy do (niemiec|belgii)"),
    ("acute_danger", 0.4, r"\bpisze po kryjomu|\bpisze w ukryciu|\bszeptal(a)?\b|\bzabiora mi telefon"),
    ("acute_danger", 0.7, r"\b(z )?(kijem|nozem|pistoletem)\b|\bma (noz|pistolet|bron)\b"),
    ("acute_danger", 0.6, r"\bspadl z|\bupadl\b|\bnie oddycha|\bnieprzytomn|\bnie pozwala dzwonic|\bkaretk|\bnie moze ruszac|\blezy (juz )?(od )?(godzin|\d)"),
    ("acute_danger", 0.7, r"\bna moscie\b|\bna dachu\b|\bskocze\b|\bzegnajcie|\bprzygotowal(am|em) tabletki|\bklient (przyjdzie|przyjedzie|czeka)"),
    ("self_harm", 0.9, r"chc[eę] umrze[cć]|samob[oó]j"),
    ("self_harm", 0.8, r"\blepiej (zeby|żeby) mnie nie (bylo|było)|\bnie chc[eę] (ju[zż] )?(zy[cć]|żyć)"),
    ("self_harm", 0.8, r"\bzabic sie\b|\bzabije sie\b|\bnie chce (juz )?zyc|\btne sie\b|\bpocielam sie|\bskoncze ze soba|\bzniknac na zawsze"),
    ("grooming", 0.6, r"\bkupuje (mi|jej) (wszystko|drogie|rzeczy|ubrania|prezenty)|\bdrogie rzeczy|\bnie zadawala sie z|\btylko on mnie rozumie|\bdojrzala jak na swoj wiek|\bnie mow(ila)? (mamie|rodzicom|nikomu)|\bma nie mowic rodzicom|\bon ja kocha|\bprzyslal (jej )?bilet|\bkupi bilet|\bbedzie modelka|\bstarszym? facet"),
    ("sexual_exploitation", 0.9, r"seksu z klientami|prostytu|seks za pieni"),
    ("sexual_exploitation", 0.7, r"\bspotykajac sie z .{0,30}za pieniadze|\bwiecej niz masaz|\bz klientami\b"),
    ("sextortion", 0.7, r"\b(zdjecia|zdjec|nagie|filmik|nagranie|wideo)\b.{0,40}\b(wysle|rozesle|opublikuje|wrzuci|pokaze)|\b(wysle|rozesle|opublikuje|wrzuci|pokaze)\b.{0,40}\b(zdjecia|filmik|nagranie|wideo)"),
    ("criminal_exploitation", 0.85, r"kra[sś][cć]|narkotyk"),
    ("criminal_exploitation", 0.6, r"\bkaze (je )?sprzedawac|\bdilowac|\bkradl\b|\bkradziez|\bkredyt na (mnie|moje)"),
    ("labour_exploitation", 0.85, r"\d+ godzin dziennie|nie p[lł]aci|bez wyp[lł]aty|mieszkamy w kontenerze|kontener"),
    ("labour_exploitation", 0.6, r"\b\d+ ?- ?\d+ godzin|\bpracujemy \d+|\bzostaje (mi )?(jakies )?\d+ ?euro|\b\d+ euro (dziennie|za caly miesiac)|\bkary za\b|\bpotraca|\bodliczaja|\bzabieraja (mi )?\d+|\bspimy po \d+|\b\d+ osob(ami)? w pokoju|\bz \d+ osobami|\bnie mamy umowy|\bna pasku|\bwylatuje z pracy"),
    ("labour_exploitation", 0.3, r"\bbrygadzista|\bszklarni|\bna budowie|\bna magazynie|\bagencj|\bszef\b|\bkierownik|\bpieczarki|\brusztowani|\bz kolega taty"),
    ("debt_bondage", 0.9, r"d[lł]ug|sp[lł]aci[cć]"),
    ("debt_bondage", 0.6, r"\bjestem (im|mu|jej) winien|\bjestem (im|mu|jej) winna|\bsplace\b|\bkaucje\b|\bza przyjazd\b|\bza busa\b|\bza przejazd\b"),
    ("control_restriction", 0.9, r"paszport|zabrali mi telefon|zamkni[eę]t[aey]|nie mog[eę] wyj[sś][cć]"),
    ("control_restriction", 0.7, r"\btrzyma (moj|jego|jej) (dowod|paszport|legitymac)|\btrzyma tez (jego|jej|moj)|\bzabral(a|i)? (mi )?(telefon|dowod)|\bnie mam swojego telefonu|\bpisze z telefonu (kolezanki|kolegi)|\bwszystkie pieniadze ida na jego|\bnie oddali\b|\bnie pozwala (wychodzic|dzwonic)"),
    ("violence_threats", 0.9, r"bije|grozi|zgwa[lł]ci|zabij"),
    ("violence_threats", 0.7, r"\buderzyl(a)?\b|\bpobil(a|i)?\b|\bpobij[aąeę]\w*|\bznajdzie (mnie|cie|nas)\b|\bz kijem\b"),
    ("missing_runaway", 0.7, r"\buciekl(a)?\b|\bnie wrocil(a)?\b|\bnie bylo (jej|go) w domu|\bzaginal(a)?\b|\bod \d+ dni nie (odpisuje|odbiera)|\bnie wrocil(a)? na noc|\bwyjechal(a)? z .{0,20}(facetem|chlopakiem)"),
    ("unaccompanied_migrant", 0.8, r"bez rodzic[oó]w|przyjecha[lł]em sam"),
    ("unaccompanied_migrant", 0.4, r"\bosrodek dla uchodzcow|\bazyl"),
    ("family_perpetrator", 0.7, r"\b(tata|ojciec|mama|matka|wujek|stryj|brat|ojczym|ciocia|rodzice)\b.{0,40}\b(kaze (mi )?(krasc|sprzedawac|pracowac)|zmusza|sprzedal|wydaje (mnie )?za maz|zabiera (moje )?(pieniadze|wyplate)|mowi zebym nie narzekal)"),
], _PL)

# --- Spanish -----------------------------------------------------------------------------------
ES = _f([
    ("acute_danger", 0.9, r"encerrad[ao].{0,30}ahora|ahora.{0,20}encerrad"),
    ("acute_danger", 0.7, r"\b(viene|vienen|llega|llegan)\b.{0,25}\b(ahora|ya|en \d+ ?min|esta noche|hoy)\b|\b(hoy|ahora|esta noche)\b.{0,25}\b(viene|vienen|llega) (uno|un cliente|el|un senor|un hombre)"),
    ("acute_danger", 0.7, r"\best(a|an) (subiendo|abajo|en la puerta)|\btocando la puerta|\bme escond(i|o)\b|\bestoy escondid|\ben el bano\b|\bme (estan )?llevan(do)?\b|\bnos (estan )?llevan(do)?\b|\bestoy en (el|un) (carro|coche|auto|camion) con"),
    ("acute_danger", 0.6, r"\bestoy encerrad|\bme encerr(o|aron)|\btiene la llave|\bno salgo hasta"),
    ("acute_danger", 0.4, r"\ba escondidas\b|\bme van a quitar el (celu|movil|telefono)|\bnadie me oye"),
    ("acute_danger", 0.7, r"\b(tiene|con) (un )?(cuchillo|pistola|arma)\b|\ben el puente\b|\ben la azotea|\btirarme (del|de la)|\btengo las pastillas|\badios a todos|\bperdonenme"),
    ("self_harm", 0.9, r"quiero morir|suicid"),
    ("self_harm", 0.8, r"\bmatarme\b|\bquitarme la vida|\bno quiero vivir|\bme corto\b|\bcortarme\b|\bdesaparecer para siempre"),
    ("grooming", 0.6, r"\bme compra (ropa|todo|cosas|regalos)|\bme paga (el piso|todo)|\bno le digas a (tu|nadie|mama)|\bno se lo digas|\bdice que me quiere"),
    ("sexual_exploitation", 0.9, r"acostarme con hombres|clientes|prostituc"),
    ("sexual_exploitation", 0.7, r"\batender\W{0,2} a (sus amigos|hombres|clientes)|\batender clientes|\bvideos? por webcam|\bpara unos senores|\bservicios sexuales"),
    ("sextortion", 0.7, r"\b(fotos?|videos?)\b.{0,40}\b(va a (publicar|mandar|subir|ensenar)|publicar|subir a)|\b(va a|voy a) (publicar|subir|mandar|ensenar)\b.{0,40}\b(fotos|videos)|\bfotos (desnud|intimas)|\bnudes\b"),
    ("criminal_exploitation", 0.85, r"robar|drogas|vender droga"),
    ("criminal_exploitation", 0.6, r"\bllevar paquetes|\bpasar droga|\bprestamo a mi nombre|\bcuenta a mi nombre"),
    ("labour_exploitation", 0.85, r"\d+ horas al d[ií]a|no me pagan|sin sueldo|sin pago"),
    ("labour_exploitation", 0.6, r"\bno (nos|me) (ha )?paga(do)? hace|\bno nos paga\b|\bno me ha pagado|\b\d+ euros? (al dia|la hora|por hora)"),
    ("labour_exploitation", 0.3, r"\ben una obra\b|\bel jefe\b|\bsin contrato"),
    ("debt_bondage", 0.9, r"deuda"),
    ("debt_bondage", 0.7, r"\b(le|les) debo\b|\bpara devolverle|\bme pago el pasaje|\bhasta que pague"),
    ("control_restriction", 0.9, r"pasaporte|me quitaron el m[oó]vil|encerrad[ao]|no me dejan salir"),
    ("control_restriction", 0.7, r"\bme quit(o|aron) (el|mi|los)\b|\bno me deja salir|\bno se (la direccion|donde estoy)|\btiene la llave"),
    ("violence_threats", 0.9, r"me pega|me amenaza|amenaz|me viol[oó]|matar"),
    ("violence_threats", 0.7, r"\bme pego\b|\bme golpea|\bme golpeo"),
    ("missing_runaway", 0.7, r"\bme escape\b|\bse escapo\b|\bme fui de (casa|el centro)|\bdesaparecid|\bno ha vuelto|\bduermo en la calle"),
    ("unaccompanied_migrant", 0.85, r"vine sol[oa]|sin mis padres|sin padres"),
    ("unaccompanied_migrant", 0.4, r"\bmi (mama|madre) esta en\b|\bmis padres estan en\b|\bcentro de menores|\bpedir asilo"),
    ("family_perpetrator", 0.7, r"\b(mi tio|mi tia|mi padre|mi papa|mi mama|mi madre|mi hermano|mi primo|mi padrastro|mis padres|mi abuel[oa])\b.{0,40}\b(me hace (hacer|trabajar|robar)|me obliga|me manda a|me vende|me vendio|me quiere casar|me casan|se queda con (el|mi) dinero|me pone a)|\bmi tia sabe"),
], _ES)

# --- Portuguese --------------------------------------------------------------------------------
PT = _f([
    ("acute_danger", 0.7, r"\b(esta|estao|vem|chega|chegam) (a caminho|la embaixo|na porta)|\bvem (agora|ai|daqui a)|\bdaqui a \d+ ?min|\bvem um cliente|\bcliente (vem|chega)"),
    ("acute_danger", 0.6, r"\bme trancou|\btrancaram|\bestou trancad|\bme escondi\b|\bestou escondid|\bno banheiro\b|\bna casa de banho|\bestao me levando|\bme levam\b|\bnos levam\b"),
    ("acute_danger", 0.7, r"\b(tem|com) (uma )?(faca|arma|pistola)\b|\bna ponte\b|\bno telhado|\bvou pular|\btenho os comprimidos|\badeus a todos|\bme perdoem"),
    ("self_harm", 0.8, r"\bquero morrer|\bme matar\b|\bsuicid|\bnao quero (mais )?viver|\bme cortar\b|\bme corto\b"),
    ("grooming", 0.6, r"\bnamorado de \d+|\bdeu-lhe (um|uma|o)|\bpaga tudo\b|\bcompra tudo\b|\bso quer estar com ele|\bdeixou as amigas|\bpara nao atender|\bnao (contes|conta) (pra|para|a) (ninguem|mae)"),
    ("sexual_exploitation", 0.9, r"clientes|prostitui"),
    ("sexual_exploitation", 0.7, r"\bcoisas a mais|\bfazer programa|\bgarota de programa|\bsexo por dinheiro"),
    ("sexual_exploitation", 0.35, r"\bcasa de massagem"),
    ("sextortion", 0.7, r"\b(fotos?|videos?|nudes)\b.{0,40}\b(vai (publicar|mandar|espalhar|enviar|postar)|espalhar|publicar)|\bvai (publicar|mandar|espalhar|enviar|postar)\b.{0,40}\b(fotos|videos|nudes)"),
    ("criminal_exploitation", 0.7, r"\bvender droga|\broubar\b|\bfurtar\b|\btraficar|\bpassar droga|\bconta bancaria em meu nome"),
    ("labour_exploitation", 0.85, r"\d+ horas por dia|n[aã]o me pagam|sem sal[aá]rio"),
    ("labour_exploitation", 0.6, r"\b[1-7] euros? (por|a|à) hora|\bpagam em dinheiro o que|\bnao lhe paga|\bsair da casa ate|\bfico sem trabalho e sem casa|\b\d+ camas (num|numa|no|na) (quarto|garagem|contentor)|\bno recibo so|\ba casa e (do patrao|da agencia)|\bmas no recibo|\btenho de sair no mesmo dia"),
    ("labour_exploitation", 0.35, r"\bsem contrato|\bdescontam|\bo patrao\b|\bo encarregado|\bo chefe\b|\bnas obras\b|\bnum armazem|\bnuma fabrica|\bestufa"),
    ("debt_bondage", 0.9, r"d[ií]vida"),
    ("debt_bondage", 0.7, r"\b(ele|ela) (agora )?deve \d+|\bdevo \d+|\btinha de pagar \d+|\bpagar \d+ pela viagem|\bpagar a viagem"),
    ("control_restriction", 0.9, r"passaporte|trancad[ao]"),
    ("control_restriction", 0.7, r"\bcartao de cidadao|\bcartao do banco|\bficou com o meu|\brecolhe os telemoveis|\btirou (o|meu) (telemovel|celular)|\bnao tenho acesso|\bnao me deixa sair|\bcameras na"),
    ("violence_threats", 0.9, r"me bate|amea[cç]a"),
    ("violence_threats", 0.7, r"\bbateram-lhe|\bbateram nele|\btoca-me\b|\bme toca\b|\bvou te matar|\bestupr|\bficou a minha espera"),
    ("missing_runaway", 0.7, r"\bfugiu\b|\bfugi de\b|\bdesaparec(eu|ida|ido)|\bnao voltou para casa|\bdorme na rua"),
    ("unaccompanied_migrant", 0.6, r"\bsozinh[oa] (aqui|na holanda|na belgica)|\bsem os (meus )?pais|\bmenor desacompanhad"),
    ("family_perpetrator", 0.7, r"\b(meu tio|minha tia|meu pai|minha mae|meu padrasto|meu irmao|meus pais|meu avo)\b.{0,40}\b(me obriga|me faz (trabalhar|vender|roubar)|me manda (trabalhar|vender)|me vende|me quer casar|fica com (o|todo o) dinheiro)"),
], _PT)

# --- Turkish -----------------------------------------------------------------------------------
TR = _f([
    ("acute_danger", 0.7, r"\b(simdi|su an|su anda)\b.{0,40}\b(geliyor|geliyorlar|arabasinda|arabada|kapida|kilitli)|\b\d+ dakika(ya)? (sonra )?(gelecek|geliyor|burada)|\bkapiyi (caliyor|zorluyor)|\bkapida bekliyor"),
    ("acute_danger", 0.6, r"\bbeni (eve|odaya|iceri) kilitl|\bkilitledi|\bsaklaniyorum|\bsaklandim|\btuvalette saklan|\bbanyoya saklan|\bbizi (bir yere )?goturuyorlar|\bbeni (bir yere )?goturuyor|\bbeni birakmiyor"),
    ("acute_danger", 0.5, r"\bkonumunu (gonderdi|atti|paylasti)|\bcanli konum|\bgizlice yaziyorum"),
    ("acute_danger", 0.7, r"\b(elinde|yaninda) (bicak|silah|tabanca)|\bkopruden atla|\bkopruduyum|\bcatidayim|\batlayacagim|\bhaplari (hazirladim|aldim)|\bhoscakalin|\bhakkinizi helal edin|\bmusteri gelecek"),
    ("self_harm", 0.9, r"\bolmek istiyorum|\bintihar|\bkendimi (oldurecegim|olduremem|oldurmek|kesiyorum|asacagim)|\byasamak istemiyorum|\bbileklerimi"),
    ("grooming", 0.6, r"\bhediyeler (gonderiyor|aliyor|veriyor)|\bailen seni anlamiyor|\bkimseye soyleme|\byanina gelmemi istiyor|\bbilet alacak"),
    ("sexual_exploitation", 0.9, r"müşteri|fuhuş"),
    ("sexual_exploitation", 0.7, r"\bmusteri(ler)?(e|le|yle)\b|\bfuhus|\berkeklerle (yatmak|birlikte olmak)|\bpara karsiliginda (seks|birlikte)"),
    ("sextortion", 0.7, r"\b(fotograf|foto|resim|video|ciplak)\w{0,6}\b.{0,40}\b(atacak|yayacak|gonderecek|paylasacak|yayinlayacak)|\bherkese (atacak|gonderecek|yayacak)"),
    ("criminal_exploitation", 0.7, r"\besrar|\buyusturucu (sat|tasi)|\bsatmaya zorl|\bhirsizlik|\bcalmaya zorl|\bbir seyler tasiyor|\bpaket tasi"),
    ("labour_exploitation", 0.85, r"günde \d+ saat|maaş yok|para vermiyor"),
    ("labour_exploitation", 0.7, r"\bgunde \d+ saat|\bhaftada \d+ gun|\bsigorta yok|\bmaas almiyorum|\bhic maas|\bpara almiyor|\btek kurus vermedi|\bhaftalik \d+ euro|\bayda \d+ euro veriyor|\bcalistiriliyor|\baile isi\b|\baile parasi|\byerde yatiyoruz|\bsabah \d+.{0,10}aksama kadar|\bgece \d+.{0,6} kadar"),
    ("labour_exploitation", 0.3, r"\binsaatta|\bfirininda|\bdonercisine|\bdukkaninda"),
    ("debt_bondage", 0.9, r"\bborc|\bodemezsen|\bodeyene kadar|\byol parasi"),
    ("control_restriction", 0.9, r"pasaport|telefonumu aldı|kilitli"),
    ("control_restriction", 0.7, r"\bkimligimi|\btelefonunu aldi|\btelefonumu aldi|\bcikmasina izin vermiyor|\bdisari (yalniz )?cikamiyorum|\bgitmeme izin vermiyor|\bizin vermiyorlar|\bbeni birakmiyor"),
    ("violence_threats", 0.9, r"beni dövüyor|tehdit"),
    ("violence_threats", 0.7, r"\bdovuyor|\bdovdu|\bvurdu|\bvuruyor|\boldururum|\boldurecek|\btecavuz|\btaciz|\bbir sey olur\b"),
    ("missing_runaway", 0.7, r"\bevden kac|\bkayip\b|\beve gelmedi|\beve donmedi|\bsokakta yatiyorum"),
    ("unaccompanied_migrant", 0.6, r"\bailem yok burada|\byalniz geldim|\btek basima geldim|\bkacakci|\brefakatsiz|\bsiginmaci kamp"),
    ("family_perpetrator", 0.7, r"\b(babam|annem|amcam|dayim|abim|agabeyim|kocam|kayinpederim|kaynanam|enistem|teyzem|halam)\b.{0,50}\b(zorluyor|evlendir|satti|beni .{0,30}verdi|kimligimi tutuyor)|\bbabama gidiyor|\b(amcamin|dayimin|enistemin|babamin|abimin|kocamin ailesinin) (firin|dukkan|restoran|donerci|market|lokanta|kafe|insaat)"),
], _TR)

# --- Albanian ----------------------------------------------------------------------------------
SQ = _f([
    ("acute_danger", 0.7, r"\bpo (na|me) (cojne|con|cojn)\b|\bjam ne makine me\b|\bjemi ne kamion|\bsonte vij(ne|n)\b|\bpo vjen\b|\beshte poshte|\bjane poshte|\bte dera\b|\bme mbylli|\bna mbylli|\bjam fshehur|\bu fsheha\b"),
    ("acute_danger", 0.7, r"\bthike|\bpistolet|\bne ure\b|\bne cati\b|\bdo hidhem|\blamtumire|\bku jam\?"),
    ("acute_danger", 0.4, r"\bte fshehur\b|\bmos fol me askend"),
    ("self_harm", 0.9, r"\bdua te vdes|\bte vras veten|\bvetvras|\bnuk dua (me )?te jetoj|\bpres veten"),
    ("grooming", 0.6, r"\bme ka blere|\bme bleu\b|\bgjithe jeta e tij|\bmos i trego|\bmos u trego"),
    ("sexual_exploitation", 0.7, r"\bte rri nje nate|\bnje nate me nje shok|\bme burra\b|\bprostituc|\bklientet?\b|\bshes trupin"),
    ("sextortion", 0.7, r"\b(foto|fotot|video|videon)\b.{0,40}\b(do t[ie] (shperndaj|publikoj|dergoj)|publikon|shperndan)|\bdo t[ie] (shperndaj|publikoj|dergoj)\b.{0,40}\b(foto|video)"),
    ("criminal_exploitation", 0.7, r"\bkokain|\bdroge|\brrit(et|im) bar|\bkanabis|\bte vjedh|\bte shes (kokaine|droge|bar)"),
    ("labour_exploitation", 0.7, r"\bpa page\b|\bnuk (me|na) paguan|\b\d+ ore ne dite"),
    ("debt_bondage", 0.9, r"\bborxh|\bte paguaj .{0,20}(per rrugen|mije)|\bshlyhet"),
    ("control_restriction", 0.7, r"\bpasaport|\bmori telefon|\bna moren telefon|\bnuk dal jashte|\bnuk me lene te dal|\bmos fol me askend|\bku jam\?"),
    ("violence_threats", 0.7, r"\bme rrah|\bme godit|\bkercen|\bme vrasin|\bdo te vras|\bfoton e shtepise|\bperdhun"),
    ("missing_runaway", 0.7, r"\bika nga shtepia|\biku nga shtepia|\bu zhduk\b|\bnuk u kthye|\bfle ne rruge"),
    ("unaccompanied_migrant", 0.6, r"\bpa prinder|\berdha me kamion|\berdha vete?m|\bna cojne ne angli|\bkontrabandist"),
    ("family_perpetrator", 0.7, r"\b(babai|nena|xhaxhai|daja|vellai|kushuriri|burri im|vjehrra)\b.{0,40}\b(me detyron|me con te|me shet|do me martoj|me martojne|merr leket)"),
], _SQ)

# --- Vietnamese (patterns in ASCII, folded to every tone and vowel form) ----------------------
VI = _f([
    ("acute_danger", 0.7, r"\b(dang|sap) (den|toi|len) (day|nha|phong)|\bco nguoi den cho\b|\bden cho (em|bon em|chung em) di|\bgo cua\b|\bdap cua\b|\bcua khoa tu ngoai|\bdang trong (xe|thung xe)|\bthung xe tai|\bkho tho\b|\bkhong thay ai mo"),
    ("acute_danger", 0.6, r"\bdang tron trong|\btron trong (nha ve sinh|toilet|tu)\b|\bcon \d+ ?% pin|\bnhan len\b|\blen nhan\b|\btoi nay co (khach|nguoi)"),
    ("acute_danger", 0.7, r"\bcam dao\b|\bco sung\b|\btren cau\b|\btren mai nha|\bnhay (xuong|cau)\b|\bthuoc ngu|\bvinh biet\b"),
    ("acute_danger", 0.9, r"bị nhốt.{0,30}bây giờ|bây giờ.{0,20}bị nhốt"),
    ("self_harm", 0.9, r"\bmuon chet\b|tự tử|tự sát|\bkhong muon song|\brach tay\b"),
    ("grooming", 0.6, r"\bmua cho (em|con be|no) (dien thoai|do|tat ca)|\bdung noi voi (bo me|ai|me)"),
    ("sexual_exploitation", 0.9, r"\bban dam\b|\bkhach lang choi|\bngu voi (dan ong|khach)|\btiep khach\b|\bdi khach\b"),
    ("sextortion", 0.7, r"\b(anh|video|clip) nong\b|\btung (anh|clip|video)\b|\b(anh|video|clip)\b.{0,30}\bgui cho (bo me|moi nguoi|ban be)"),
    ("criminal_exploitation", 0.85, r"\bcan sa\b|ma túy|ma tuý|\bma tuy\b|\btrong co\b|\ban cap\b|\ban trom\b"),
    ("labour_exploitation", 0.85, r"\d+ tiếng một ngày|không có lương|không trả lương|tiệm nail"),
    ("labour_exploitation", 0.7, r"\b\d+ tieng (mot|1) ngay|\btu \d+h sang den \d+h|\bkhong co ngay nghi|\bkhong tra luong|\bkhong co luong|\btiem nail|\bo luon tren tiem|\bngu tren gac|\bchu tru tien"),
    ("debt_bondage", 0.9, r"nợ"),
    ("debt_bondage", 0.7, r"\btra no\b|\bcon no tien|\bno tien\b|\bnguoi cho vay|\bvay \d+ nghin"),
    ("control_restriction", 0.9, r"hộ chiếu|không được ra ngoài|bị nhốt|lấy điện thoại"),
    ("control_restriction", 0.7, r"\bho chieu\b|\bgiu giay to|\bkhong duoc ra ngoai|\bbi nhot\b|\blay dien thoai|\bcua khoa tu ngoai|\bkhong biet day la (thanh pho|dau)"),
    ("violence_threats", 0.9, r"đánh tôi|đe dọa|hiếp"),
    ("violence_threats", 0.7, r"\bdanh (em|toi|chau)\b|\bbi danh\b|\bde doa\b|\bdoa giet|\bse den nha bo me|\bgia dinh o nha phai tra"),
    ("missing_runaway", 0.6, r"\bbo nha di\b|\bmat tich\b|\bkhong ve nha\b"),
    ("unaccompanied_migrant", 0.85, r"đến một mình|một mình.{0,30}bố mẹ|bố mẹ tôi ở việt nam"),
    ("unaccompanied_migrant", 0.7, r"\bbo me (em |toi )?o (viet nam|vn)\b|\btrai bao ve\b|\bnguoi dan duong|\bden mot minh"),
    ("unaccompanied_migrant", 0.35, r"\bem \d+ tuoi\b.{0,40}\b(tiem nail|trai|trong co)|\bem khong biet tieng"),
    ("family_perpetrator", 0.7, r"\btiem nail cua (co|chu|di|cau|bac) ruot|\b(co|chu|di|cau|bac) ruot\b.{0,40}\b(bat em|phai lam tra)"),
], _VI)

# --- Tagalog / Taglish -------------------------------------------------------------------------
TL: list[Entry] = [
    ("acute_danger", 0.7, r"\b(papunta|parating) na (siya|sila) (dito)?|\bnasa baba na siya|\bkumakatok|\bnakakulong ako|\bkinulong (ako|kami)|\bni-?lock (ako|kami)|\bnagtatago ako|\bnasa cr ako|\bdinadala (nila )?(ako|kami)|\bpatago lang|\bpalihim lang"),
    ("acute_danger", 0.7, r"\bkutsilyo|\bbaril\b|\bsa tulay\b|\bsa bubong|\btatalon|\bpaalam na sa inyo"),
    ("self_harm", 0.9, r"\bgusto ko n[ga] mamatay|\bmagpakamatay|\bpatayin ang sarili|\bayoko n[ga] mabuhay"),
    ("grooming", 0.6, r"\bbinibilhan (niya )?ako|\bbinilhan (niya )?ako|\bwag mong sabihin|\bhuwag mong sabihin"),
    ("sextortion", 0.7, r"\b(pictures?|pics|litrato|video|hubad)\b.{0,40}\b(ikakalat|ipapakalat|ipopost|ipapadala)|\b(ikakalat|ipapakalat|ipopost)\b.{0,40}\b(pictures?|pics|litrato|video)"),
    ("criminal_exploitation", 0.7, r"\bshabu\b|\bpinagnanakaw|\bmagnakaw\b"),
    ("labour_exploitation", 0.7, r"\bhindi (kami |ako )?binabayaran|\blang (ang )?binibigay|\bwalang (sahod|bayad|day off|pahinga)|\bnatutulog sa (truck|trabaho)|\bplus babysit|\b\d+ hours po ako"),
    ("debt_bondage", 0.7, r"\butang\b|\bkami magbabayad ng|\bplacement fee"),
    ("control_restriction", 0.7, r"\bkinuha (ang |nila |niya )?(passport|pasaporte|cellphone|phone|residence card)|\bkinuha passport|\bpassport ko at|\bhindi (po )?ako pinapalabas|\bbawal (din )?(daw )?(lumabas|makipag)"),
    ("violence_threats", 0.7, r"\bhinahawakan ako|\bsinasaktan|\bsinaktan|\bbinubugbog|\bsinampal|\bpapatayin|\bipapadeport|\bpinagbantaan|\bginahasa|\bhinipuan"),
    ("missing_runaway", 0.7, r"\btumakas\b|\blumayas\b|\bnaglayas\b|\bnawawala\b"),
    ("family_perpetrator", 0.7, r"\b(tatay|nanay|tito|tita|lolo|lola|magulang) (ko )?.{0,30}\b(pinagtatrabaho|pinapagtrabaho|binenta|ibinebenta|ipapakasal|kinukuha ang sahod)"),
]

# --- Somali ------------------------------------------------------------------------------------
SO: list[Entry] = [
    ("acute_danger", 0.7, r"\b(hadda|haatan)\b.{0,30}\b(imanaya|soo socda|albaabka)|\bwuu soo socdaa|\bway soo socdaan|\balbaabka (ayuu|ayay|ii) (xiray|garaacay)|\bwaan dhuumanayaa|\bwaan dhuuntay|\bmusqusha (ayaan|baan) ku"),
    ("acute_danger", 0.7, r"\bmindi\b|\bbastoolad|\bbuundada|\bmeesha tareenka|\bsaqafka|\biga raali ahaw|\bnabad gelyo dhammaan|\bisku tuuro"),
    ("self_harm", 0.9, r"\bwaan is dilayaa|\bis dilo|\binaan dhinto|\bweligay soo kicin|\bnolosha waan ka daalay|\bka daalay nolosha"),
    ("self_harm", 0.35, r"\bwaan daalay\b"),
    ("grooming", 0.6, r"\bwax walba ii iibsaday|\bcidna ha u sheegin"),
    ("sexual_exploitation", 0.7, r"\bdhillo|\bla seexo rag|\brag la seexo"),
    ("sextortion", 0.8, r"\bsawir\w{0,8}\b.{0,60}\b(dirayaa|faafin|baahin|soo dhigi)|\b(u dirayaa|faafin|baahin)\b.{0,40}\bsawir"),
    ("criminal_exploitation", 0.7, r"\bxirmo\b|\bdaroogo|\bmaandooriye|\bxashiish|\btuugo"),
    ("labour_exploitation", 0.7, r"\bmushahar ma\b|\bmushahar la'aan|\bsubax ilaa habeen|\b(maqaayadda|dukaanka) (gadaashiisa|gadaasheeda) (ayaan|baan) seexdaa"),
    ("debt_bondage", 0.8, r"\bdeyn\b|\bdeynta|\b(nagu|igu) leedahay"),
    ("control_restriction", 0.7, r"\bbaasaboor|\bteleefanka .{0,20}iga qaaday|\bma bixi karo"),
    ("violence_threats", 0.7, r"\bi garaac|\bwuu i garaacaa|\bi dili\b|\bdili doon|\bhanjab|\bkufsi|\bkufsaday"),
    ("missing_runaway", 0.7, r"\bwaan cararay|\bka cararay|\bka baxsaday"),
    ("unaccompanied_migrant", 0.7, r"\bqoyskeyga ma joogaan|\bhooyo ma joogto|\bwaalidkay ma joogaan|\bqofna ma lihi halkan|\bxarunta (fedasil|qaxootiga)|\bxerada (ayaan|baan) ku nool|\bkeligay (ayaan|baan) yimid"),
    ("family_perpetrator", 0.7, r"\b(eedaday|habaryar|adeer|abti|aabbahay|hooyaday|walaalkay|ninkayga)\b.{0,60}\b(ii keentay|nadiifiyaa|i guursad|iga iibiy|lacag ayaan u diraa)"),
]

# --- Moroccan darija, Latin letters (Arabizi) -------------------------------------------------
DARIJA_LATIN: list[Entry] = [
    ("acute_danger", 0.7, r"\b(jay|jayin|ghadi yji|ja) daba\b|\bf tri9 (lhna|l3ndi)|\bm9foul 3li|\bsddo 3li|\bsedo 3li|\bmkhbi(a|ya)? f|\bmtkhbi|\bmstkhbi|\bkan kteb bl khfia|\bbl khfia\b|\b(3ndo|m3ah) (mous|jnwi|pistole)|\bghadi n9tel rasi|\bsame7 lia|\bsm7o li"),
    ("self_harm", 0.9, r"\bbghit nmout|\bbaghi nmout|\bbghit nmot|\bn9tel rasi|\bnqtel rasi|\bma bghitch n3ich"),
    ("grooming", 0.6, r"\bkaybghini bzaf|\bchra liya kolchi|\bkaychri liya|\bma t9oli(ch)? l(walidik|mok|bak|chi hed)"),
    ("sexual_exploitation", 0.6, r"\bnmchi m3a (sh?abo|sa7bo|s7abo|rjal)|\bm3a lklyan|\bklyan\b"),
    ("criminal_exploitation", 0.8, r"\bnsar9o|\bnsr9o|\bnser9o|\bkansr9|\bsr9a\b|\bl7chicha|\b7chich|\bkanbi3 (l7|dwa|zatla)|\bkaybi3o (dwa|l7)|\bzatla"),
    ("labour_exploitation", 0.6, r"\bbla khlas|\bma khallsnich|\bma kaykhallsnich"),
    ("debt_bondage", 0.7, r"\blkridi|\bmdyoun|\bmadyoun|\bkhass nrdd lflous"),
    ("control_restriction", 0.7, r"\b(dawli|chdo|chedo|khdaw) liya (lpaspor|passeport|tilifon|lwra9)"),
    ("violence_threats", 0.8, r"\bkaydrbni|\bkayderbni|\bkaydarbni|\bdrbni\b|\bdrbouni|\bnl9awk|\bnkhrjo 3lik|\bghadi y9tlni|\bkayhddni"),
    ("missing_runaway", 0.6, r"\bhrbt\b|\bhrabt\b|\bma3ndich fin n(mchi|n3ess|b9a)|\bkan3ess f (zn9a|lbarra|garage|squat)"),
    ("unaccompanied_migrant", 0.7, r"\bbo7di\b|\bbou7di\b|\bbwa7di\b|\bbla walidin|\bbla waldin|\bhrgt\b|\b7rgt\b"),
    ("family_perpetrator", 0.7, r"\b(baba|bba|mama|3ammi|khali|khoya kbir|rajli)\b.{0,40}\b(kaykhdemni|kaykhlini nkhdem|bghaw yzwjouni|ghadi yzwjni|ba3ni|kaychd lflous)"),
]

# --- Persian written in Latin letters (Finglish) ----------------------------------------------
FA_LATIN: list[Entry] = [
    ("acute_danger", 0.7, r"\bdare miad\b|\bdaran miyan\b|\b(alan|hamin alan)\b.{0,30}\b(miad|miyan|mirese|dar mizane)|\bdar ro (ghofl|qofl) kard|\bghayem shodam|\bghaem shodam|\bpenhani minevisam|\bchaghoo|\bchaghu\b|\btofang|\bru pol\b|\bposht bam|\bghors(hamo|ha ro)|\bhalalam konid"),
    ("self_harm", 0.9, r"\bmikham bemiram|\bmikhaham bemiram|\bkhodkoshi|\bkhodamo bokosham|\bnemikham zende basham"),
    ("criminal_exploitation", 0.7, r"\bmavad (mifrosham|befrosham|mifroosham|beforoosham)|\bdozdi kon"),
    ("labour_exploitation", 0.6, r"\baz sob ta shab\b|\bpool nemide|\bpul nemide|\bhoghugh nemide"),
    ("debt_bondage", 0.7, r"\bbedehkar|\bpool(e)? rah\b|\bpul(e)? rah\b|\bpule ghachagh"),
    ("control_restriction", 0.7, r"\bgushim(o| ro) gereft|\btelefonam(o| ro) gereft|\bnemizare (biram|beram) biroon"),
    ("violence_threats", 0.7, r"\bmano mizane|\bmizane mano|\bkotakam mizane|\bmikoshamet|\btajavoz"),
    ("missing_runaway", 0.7, r"\bfarar kardam|\baz kamp farar"),
    ("unaccompanied_migrant", 0.6, r"\bghachaghbar|\bghachaghchi|\btanha (dar|tu) kamp"),
    ("family_perpetrator", 0.7, r"\b(pedaram|madaram|kakam|kakayam|baradaram|shoharam)\b.{0,40}\b(majburam|nekah|shohar bede|mifrushe)"),
]

# --- Tigrinya written in Latin letters --------------------------------------------------------
TI_LATIN: list[Entry] = [
    ("labour_exploitation", 0.7, r"\bdemoz (yelen|ayhabenin|ayhabuni|ayhabeni|aykhfelunin)"),
    ("control_restriction", 0.7, r"\bpass?portey\b|\bpasportey\b|\bpassportey hizuwo|\bhizuwo alo|\btedaitse"),
    ("self_harm", 0.9, r"\bkmewt edli|\bkmewt ydli"),
    ("grooming", 0.5, r"\bhabibti\b|\bkab (camp|kamp) ktwets"),
    ("unaccompanied_migrant", 0.5, r"\bab (azc|camp|kamp) alekhu|\bbhtey\b|\bsdray ab\b"),
]

# --- Cyrillic: Bulgarian, Russian, Ukrainian --------------------------------------------------
BG: list[Entry] = [
    ("control_restriction", 0.9, r"паспорт|взеха ми телефона|заключен[аи]?|не ме пускат"),
    ("control_restriction", 0.7, r"лични(те)? карти|личната (ми )?карта|взе(ха)? (ни |ми )?(телефон|паспорт|личн)|не можем да излезем|не мога да изляза|не знам адреса|взима всички пари|парите отиват (директно )?при него"),
    ("labour_exploitation", 0.85, r"\d+ часа на ден|без заплата|не ми плащат"),
    ("labour_exploitation", 0.6, r"не (ни )?е платил|не съм видял пари|махат .{0,10}глоби|спим (в|по) (каравани|контейнер|\d+)|(половината|част от) заплата(та)?"),
    ("labour_exploitation", 0.3, r"кланица|строеж|на покриви|агенцията|бригадир|шефът"),
    ("debt_bondage", 0.9, r"дълг|да върна пари|дължа|дължим|дължат"),
    ("violence_threats", 0.9, r"бие|заплашва|заплаш|изнасил|убия"),
    ("violence_threats", 0.6, r"пусна кучето|ще ни намерят|ще те намер|ще е по-лошо|\bудари\b"),
    ("sexual_exploitation", 0.9, r"спя с мъже|клиенти|проституц|секс с мъже"),
    ("sexual_exploitation", 0.7, r"на витрина|витрината|в стаите с|ме уреди в"),
    ("sextortion", 0.6, r"(снимки|снимките|видео|клип)\w{0,3}.{0,40}(ще (ги )?(пусне|покаже|прати|изпрати|качи))|(щял да|ще) (ги )?(пусне|покаже|прати|изпрати|качи).{0,40}(снимк|видео|клип)"),
    ("criminal_exploitation", 0.85, r"крада|наркотици|дрога"),
    ("criminal_exploitation", 0.7, r"да прося|прося пред|просия|джебчи"),
    ("acute_danger", 0.9, r"заключен[аи]? .{0,20}(в момента|сега)|в момента.{0,20}заключен"),
    ("acute_danger", 0.7, r"заключени сме|заключи(ха)? (ме|ни)|в бус(а)? сме|в колата (съм|сме) с|кара ни към|карат ни към|водят ни към|идва(т)? (сега|веднага)|чука(т)? на вратата|скрих се|крия се в|има нож|с пистолет|на моста съм|на покрива съм|ще скоча|сбогом на всички"),
    ("acute_danger", 0.4, r"от скрит телефон|батерията ми е|пиша тайно"),
    ("self_harm", 0.9, r"искам да умра|самоубий|не искам да живея|ще се самоубия|режа се"),
    ("grooming", 0.6, r"гаджето ми ме (доведе|уреди)|купуваше (й|и|ми) всичко|купува (й|и|ми) всичко|пази парите за (нашата|нас)"),
    ("grooming", 0.3, r"гаджето ми|приятелят (й|и) е на \d+"),
    ("missing_runaway", 0.7, r"избягах|избяга от|не се прибра|замина с него|не вдига телефона|спя на гарата|спя на улицата"),
    ("unaccompanied_migrant", 0.8, r"дойдох сам|без родители"),
    ("family_perpetrator", 0.7, r"(баща ми|майка ми|чичо ми|вуйчо ми|брат ми|батко ми|свекърва ми|свекър ми|леля ми|родителите ми|братовчед ми).{0,40}(ме кара|ме праща|ме продаде|ме жени|ме омъж|взима парите)"),
]

RU: list[Entry] = [
    ("control_restriction", 0.9, r"паспорт|забрали телефон|заперт"),
    ("control_restriction", 0.7, r"забрал[аи]? (мой |наш )?(паспорт|телефон|документ)|не выпускают|не разрешают выходить|не знаю адрес"),
    ("labour_exploitation", 0.85, r"\d+ часов в день|без оплаты|не платят"),
    ("labour_exploitation", 0.7, r"по \d+ час(ов|а)|зарплату не дают|денег не платят|спим в вагончик"),
    ("debt_bondage", 0.9, r"долг"),
    ("debt_bondage", 0.7, r"(я|мы) долж(ен|на|ны) (за|им|ему|ей|\d)|отработать (долг|дорогу|билет)"),
    ("violence_threats", 0.9, r"бьет|бьёт|угрожа|изнасил|убью"),
    ("violence_threats", 0.7, r"\bбьют\b|избил|ударил|убь[её]т|найд[её]т тебя|покалечу"),
    ("sexual_exploitation", 0.9, r"спать с мужчинами|клиент|проститу"),
    ("sexual_exploitation", 0.7, r"доп(\.|олнительные)? услуги|интим за деньги|секс за деньги|эскорт"),
    ("sextortion", 0.7, r"(фото|фотки|видео)\w{0,3}.{0,40}(отправ|разошл|выложит|выложат|покаж|опублику)|(отправ|разошл|выложит|выложат|покаж|опублику)\w{0,5}.{0,40}(фото|видео)|интимные фото"),
    ("criminal_exploitation", 0.8, r"воровать|ворую|украсть|закладк|наркотик"),
    ("acute_danger", 0.7, r"сижу в машине|в машине с ним|повез[её]т меня|везут (меня|нас)|у меня минута|заперл[аи]? (меня|нас)|я заперт|уже ид[её]т|уже едет|стучит в дверь|спряталась|спрятался|прячусь в|у него нож|пистолет|на мосту|на крыше|прыгну|прощайте все|не дышит|без сознания"),
    ("acute_danger", 0.6, r"к клиенту|клиент (придёт|придет|едет|ждёт|ждет)"),
    ("self_harm", 0.9, r"хочу умереть|самоубий|не хочу жить|покончить с собой|убить себя|режу себя"),
    ("grooming", 0.6, r"покупает (мне|ей) (всё|все|подарки)|не говори (маме|родителям|никому)|никому не говори|говорит что только он"),
    ("missing_runaway", 0.7, r"сбежал[аи]? из|убежал[аи]? из|ушла из дома|ушёл из дома|ушел из дома|не вернул(ась|ся) домой|пропал[аи]? без|сплю на улице"),
    ("unaccompanied_migrant", 0.8, r"без родителей"),
    ("family_perpetrator", 0.7, r"(отец|папа|мама|мать|дядя|брат|отчим|тётя|тетя|родители|свекровь|муж).{0,40}(заставля(ет|ют) (меня )?(работать|воровать|просить|продавать)|продал[аи]? меня|выда(ёт|ет|ют) (меня )?замуж|отбира(ет|ют) (все )?деньги)"),
]

UK: list[Entry] = [
    ("control_restriction", 0.9, r"паспорт|забрали телефон|замкнен"),
    ("control_restriction", 0.7, r"забрал[аи]? (мій |наш )?(паспорт|телефон|документ)|не випускають|не можу вийти|не знаю адрес"),
    ("labour_exploitation", 0.85, r"\d+ годин на день|без оплати|не платять"),
    ("labour_exploitation", 0.7, r"штрафують|виселять того ж дня|(місяці|місяць|тижні) не платить|по \d+ годин"),
    ("debt_bondage", 0.9, r"борг"),
    ("debt_bondage", 0.7, r"поки не відпрацю|відпрацювати (борг|квитки|дорогу)"),
    ("violence_threats", 0.9, r"б'є|бʼє|б’є|погрожу|зґвалт|вб'ю"),
    ("violence_threats", 0.7, r"б['ʼ’]ють|вдарив|знайде мене|поламає|заходить в мою кімнату|віддячити.{0,30}не грошима|уб['ʼ’]ю"),
    ("sexual_exploitation", 0.9, r"спати з чоловіками|клієнт|проститу"),
    ("sexual_exploitation", 0.7, r"[\"'‘]?супровід|інтим за гроші|секс за гроші"),
    ("sextortion", 0.8, r"(фото|відео)\w{0,3}.{0,50}(відправ|розішл|виклад|покаж|опублік|скин)|(відправ|розішл|виклад|покаж|опублік)\w{0,5}.{0,50}(фото|відео|фотк)|якщо (я )?не (пришлю|надішлю) (ще )?(фото|відео)"),
    ("criminal_exploitation", 0.85, r"наркотик|красти"),
    ("acute_danger", 0.7, r"сиджу в машині|везуть (мене|нас)|замкну(в|ла|ли) (мене|нас)|вже йде|вже їде|стукає в двері|сховалась|сховався|ховаюсь|у нього ніж|пістолет|на мосту|на даху|стрибну|прощавайте всі|не дихає"),
    ("self_harm", 0.9, r"хочу померти|самогуб|не хочу жити|покінчити з собою|ріжу себе"),
    ("grooming", 0.6, r"(мамі|батькам) (поки )?не (казати|кажи)|не кажи (мамі|батькам|нікому)|(шукає|шукають) моделей"),
    ("missing_runaway", 0.7, r"втекла з|втік з|пішла з дому|пішов з дому|не повернулас[ья]|ночую на вулиці"),
    ("unaccompanied_migrant", 0.8, r"без батьків"),
    ("family_perpetrator", 0.7, r"(батько|тато|мама|мати|дядько|брат|вітчим|тітка|батьки).{0,40}(змушу(є|ють) (мене )?(працювати|красти|просити)|продав|видає (мене )?заміж|забира(є|ють) (всі )?гроші)"),
]

# --- Arabic script: Arabic (MSA, Levantine, Maghrebi), Persian/Dari, Pashto ---------------------
AR: list[Entry] = [
    ("control_restriction", 0.9, r"جواز|أخذوا هاتفي|محبوس|محبوسة|لا أستطيع الخروج"),
    ("control_restriction", 0.7, r"أخذوا (جواز|التلفون|تلفوني|الأوراق|بطاقة)|اخدو ليا|ما بيخليني اطلع|ما يخلينيش نخرج|بطاقة الإقامة|ما بعرف العنوان"),
    ("labour_exploitation", 0.85, r"ساعة في اليوم|بدون أجر|بدون راتب|لا يدفع"),
    ("labour_exploitation", 0.7, r"من الصبح (ل|لحد|الى|إلى|لـ)|لنص الليل|ما بيعطيني ولا|ولا يورو|ما يعطيني راتب|\d+ ساعة|١٢ ساعة|بنام بالمستودع|أنام في المخزن|\d+ يورو (في|ب)ال(يوم|أسبوع|اسبوع) (فقط|بس)"),
    ("labour_exploitation", 0.3, r"بشتغل|أشتغل|اشتغل|يشغله|حاططني اشتغل|كنخدم"),
    ("debt_bondage", 0.9, r"\bالدين\b|\bديون|مديون|مدين ب|حق الطريق|تكاليف الطريق|فلوس الطريق|أرد له"),
    ("violence_threats", 0.9, r"يضربني|يهددني|تهديد|اغتصب|يقتل"),
    ("violence_threats", 0.7, r"بيضربني|كيضربني|كيدربني|ضربني|ضربوني|سيؤذ|بيأذي|يؤذي أهل|يضربوا"),
    ("sexual_exploitation", 0.9, r"زبائن|دعارة|مع رجال"),
    ("sexual_exploitation", 0.6, r"مع صحابو|نمشي مع صاحبه|زباين|كليان"),
    ("sextortion", 0.7, r"صور(ي|تي)?.{0,40}(ينشر|يبعت|يرسل|ينزل)|(ينشر|يبعت|يرسل|ينزل|يفضحني).{0,40}(صور|فيديو)|صور عارية"),
    ("criminal_exploitation", 0.85, r"المخدرات|مخدرات|أسرق|سرقة"),
    ("criminal_exploitation", 0.7, r"كيبيعو الدوا|نبيع الحشيش|الحشيش|نسرق|اسرق|يسرق"),
    ("acute_danger", 0.9, r"محبوس[ةه]? في غرفة الآن|الآن.{0,20}محبوس|محبوس.{0,30}الآن"),
    ("acute_danger", 0.7, r"(هو|هم) (جاي|جايين) (هلق|هلأ|الحين|دابا|هلا|الآن)|جاي (هلق|هلأ|دابا)|عم يدق (على )?الباب|يطرق الباب|قفل(وا)? (علي|علينا) الباب|مخبية? (ب|في )?الحمام|مستخبي|متخبية?|بلع حبوب|بلعت حبوب|على الجسر|فوق السطح|ما عم يرد|مش عم يتنفس|اللوكاسيون|لوكيشن|أجي عندي"),
    ("acute_danger", 0.4, r"بسرعة|عاجل"),
    ("self_harm", 0.9, r"أريد أن أموت|انتحار"),
    ("self_harm", 0.8, r"بدي موت|بدي اموت|بغيت نموت|اريد اموت|بقتل حالي|اقتل نفسي|نقتل راسي|ما بدي عيش|بلع حبوب|بلعت حبوب"),
    ("grooming", 0.6, r"كيعطيها الفلوس|كيشري ليها|ما تقوليش لواليديك|راجل كبير عليها|رجل كبير عليها|بيشتريلي|يشتري لي كل"),
    ("missing_runaway", 0.7, r"غايب من الدار|ما دخلاتش|ما رجعش|هربت من|هرب من|يغيب عن المركز|بنام بالشارع"),
    ("unaccompanied_migrant", 0.85, r"وحدي هنا|بدون أهلي|بدون عائلتي|المهرب|لوحدي"),
    ("unaccompanied_migrant", 0.7, r"لحالي|بلا والدين|(اهلي|أهلي) (ب|في )(تركيا|سوريا|لبنان|المغرب|العراق|ليبيا|اليمن|الجزائر|السودان)|مركز (لطالبي )?اللجوء"),
    ("family_perpetrator", 0.8, r"(عمي|خالي|أبي|ابي|بابا|أمي|امي|أهلي|اهلي|أخي|اخي|زوجي|حماتي|عائلة زوجي|قريب أبي|ولد عمي).{0,40}(يشغلني|حاططني|بيشغلني|يزوجوني|بيبيعني|باعني|يبيعوني|يصرف علي|مجبرني|جبرني|تروح ل)|بدهم يزوجوني|يزوجوني"),
]

FA: list[Entry] = [
    ("acute_danger", 0.7, r"(الان|همین الان).{0,30}(میاد|میان|میرسه|میزنه|دروازه)|داره میاد|دارن میان|دروازه.{0,20}(قفل|میزنه|میزند)|قفل کد[هه]|قفل کرد|امشب.{0,20}(میریم|میبرن|تمام میشود|تمام میشه)|همه چیز را آماده کردم|آماده کردم|از همه معذرت|خداحافظ برای همیشه|حلالم کنید|چاقو|تفنگ|روی پل|پشت بام|قایم شدم|پنهان شدم"),
    ("acute_danger", 0.4, r"(با|در) موتر (میریم|میبرن)|نمیدانم آدرس|آدرس را نمیدانم|پنهانی نوشته"),
    ("self_harm", 0.9, r"خودکشی|میخوام بمیرم|میخواهم بمیرم|خودمو بکشم|خودم را بکشم|تمام میشود.{0,40}معذرت|امشب تمام میشود"),
    ("grooming", 0.6, r"برایم پول و لباس|اگر به کسی بگی|به کسی نگو"),
    ("sexual_exploitation", 0.7, r"تن فروشی|خودفروشی|با مردها بخوابم"),
    ("sextortion", 0.7, r"عکس\S{0,4}.{0,40}(پخش|میفرسته|منتشر)"),
    ("criminal_exploitation", 0.8, r"مواد بفروشم|مواد میفروشم|مواد مخدر|دزدی کنم"),
    ("labour_exploitation", 0.7, r"از صبح تا (شب|نیمه شب)|پول نمیده|پول نمیدهد|معاش نمیده|باید کار کنی"),
    ("debt_bondage", 0.8, r"بدهکار|پول راه|پول قاچاق|بدهی"),
    ("control_restriction", 0.7, r"پاسپورت|گوشی ام را میگیرد|گوشیمو گرفت|تلفون های ما ره گرفتن|تلفونم را گرفت|نمیذاره بیرون|قفل کده"),
    ("violence_threats", 0.7, r"مرا میزند|منو میزنه|کتکم|تهدید|میکشمت|تجاوز"),
    ("missing_runaway", 0.7, r"فرار کردم|از کمپ فرار|از خانه فرار"),
    ("unaccompanied_migrant", 0.7, r"قاچاقبر|تنها در کمپ"),
    ("family_perpetrator", 0.8, r"(پدرم|مادرم|کاکایم|کاکام|برادرم|پسر کاکایم|شوهرم|خانواده ام).{0,40}(مجبور|نکاح|عروسی|شوهر بده|میفروشه)|نکاح کند"),
]

PS: list[Entry] = [
    ("acute_danger", 0.7, r"اوس.{0,40}(راځي|وهي)|ډېر ژر|چاقو|ټوپک"),
    ("acute_danger", 0.3, r"^ژر\b"),
    ("self_harm", 0.8, r"مړ شم|ځان ووژنم|ځان وژن|نه غواړم ژوندی"),
    ("labour_exploitation", 0.7, r"معاش نه|له سهاره تر ماښامه|معاش هغه اخلي|تر \S+ بجو کار|یورو راکوي"),
    ("debt_bondage", 0.7, r"پاتې پیسې|د قاچاقبر پیسې|پور"),
    ("violence_threats", 0.7, r"\bوهي\b|وهلی|ګواښ"),
    ("missing_runaway", 0.6, r"له کمپ نه ووت|وتښتید|تلیفون بند دی"),
    ("unaccompanied_migrant", 0.7, r"قاچاقبر|یواځې|مور او پلار مې په"),
]

# --- Ge'ez script: Tigrinya, Amharic ----------------------------------------------------------
TI: list[Entry] = [
    ("control_restriction", 0.9, r"ፓስፖር|ተዓጽየ"),
    ("control_restriction", 0.7, r"ማዕጾ ዓጽዩ|ኣበይ ምዃነይ ኣይፈልጥን|ተሌፎነይ ወሲዱ"),
    ("acute_danger", 0.7, r"ማዕጾ ዓጽዩ|ተሓቢአ|ሕጂ ይመጽእ|ካራ ሒዙ|ሽጉጥ"),
    ("debt_bondage", 0.9, r"ገንዘብ ክኸፍል|ዕዳ|ልቓሕ|ክትከፍሉ ኣለኩም|ንዝኸፈሎ|ክምልሶ ኣለኒ"),
    ("violence_threats", 0.9, r"ይወቕዑ|ወቒዖም|የፈራርሁ|ይቐትሉ|ክሃርሞ|ክሃርመኒ|ይሃርመኒ"),
    ("unaccompanied_migrant", 0.9, r"ብሕተይ|ስድራይ ኣብ"),
    ("unaccompanied_migrant", 0.45, r"ኣሕላፊ|ሰጋሪ|ኣብ ካምፕ"),
    ("labour_exploitation", 0.8, r"ደሞዝ የለን|ብዘይ ደሞዝ"),
    ("self_harm", 0.9, r"ክመውት እደሊ"),
    ("grooming", 0.6, r"ንማንም ከይትነግሪ|ምሳይ ክትነብሪ"),
    ("family_perpetrator", 0.7, r"(ሓወቦይ|ኣኮይ|ኣቦይ|ኣደይ|ሓወይ).{0,60}(ክምልሶ|ደሞዝ|ክምርዓ|ይሸጠኒ)"),
]

AM: list[Entry] = [
    ("control_restriction", 0.9, r"ፓስፖርት"),
    ("unaccompanied_migrant", 0.9, r"ብቻዬን|ቤተሰቦቼ"),
    ("violence_threats", 0.9, r"ይደበድበኛል|ያስፈራራኛል"),
    ("debt_bondage", 0.9, r"ዕዳ"),
]

DE: list[Entry] = [
    ("control_restriction", 0.9, r"reisepass|pass weggenommen|handy weggenommen|eingesperrt"),
    ("labour_exploitation", 0.85, r"\d+ stunden am tag|keinen lohn|ohne lohn|nicht bezahlt"),
    ("debt_bondage", 0.9, r"schulden"),
    ("violence_threats", 0.9, r"schl[aä]gt mich|droht|bedroht|vergewaltigt"),
    ("sexual_exploitation", 0.9, r"freier|kunden|prostitu|sex mit m[aä]nnern"),
    ("self_harm", 0.9, r"will sterben|umbringen|selbstmord"),
]

# --- An overdose taken now, across languages (B8-B12 study: "i kam marre te gjitha tabletat") ----------
# Said like this it is an emergency whatever else the conversation says.
OVERDOSE_LATIN = [
    (code, w, rx) for code, w in (("acute_danger", 0.85), ("self_harm", 0.9)) for rx in (
        r"\b(kam marr[eë]|mora|piva|gëlltita|gelltita) (t[eë] gjitha )?(tabletat|hapat|ila[cç]et|barnat)",
        r"\b(wzi[eę][lł]am|wzi[aą][lł]em|po[lł]kn[eę][lł]am|[lł]ykn[eę][lł]am|zjad[lł]am) (wszystkie |ca[lł]e )?(tabletki|leki|pigu[lł]ki|opakowanie)",
        r"\bam (luat|inghitit|înghițit) (toate )?(pastilele|pastile|medicamentele|tabletele)",
        r"\b(me tom[eé]|me he tomado|tom[eé]) (todas )?las pastillas|\btom[eé] (toda la caja|todas las pastillas)",
        r"\b(tomei|engoli) (todos os |todas as )?(comprimidos|rem[eé]dios|p[ií]lulas)",
        r"\b(t[uü]m|b[uü]t[uü]n) (ila[cç]lar[iı]|haplar[iı]) ([iı][cç]tim|ald[iı]m)|\bhaplar[iı] [iı][cç]tim",
        r"\bbevettem (az [oö]sszes|minden) (gy[oó]gyszert|tablett[aá]t)",
        r"\b(i[sš]g[eė]riau|prarijau) (visas |visus )?(tablet[eė]s|vaistus)",
        r"\bu (qaatay|cunay) (dhammaan )?(kaniinihii|kiniinihii|dawadii)",
        r"\b(u[oố]ng|uong) (h[eế]t|het) (thu[oố]c|thuoc)",
    )
]
OVERDOSE_CYRILLIC = [
    (code, w, r"(выпила|выпил|випила|випив|изпих|изпи|наглоталась|наковталася) (все |всі |всички )?(таблетки|таблеток|пігулки|хапчета|лекарства)")
    for code, w in (("acute_danger", 0.85), ("self_harm", 0.9))
]
OVERDOSE_ARABIC = [
    (code, w, r"(أخذت|اخذت|بلعت|شربت) (كل |جميع )?(الحبوب|الأقراص|الاقراص|الدواء)|(همه|تمام) (قرص|قرص‌|قرصها|تابلیت)[^\n]{0,12}(خوردم)")
    for code, w in (("acute_danger", 0.85), ("self_harm", 0.9))
]

# Pools per script (see the docstring): language identification confuses languages within a script.
_LATIN = OVERDOSE_LATIN + RO + PL + ES + PT + TR + SQ + VI + TL + SO + DARIJA_LATIN + FA_LATIN + TI_LATIN + DE
_CYRILLIC = OVERDOSE_CYRILLIC + BG + RU + UK
_ARABIC = OVERDOSE_ARABIC + AR + FA + PS
_ETHIOPIC = TI + AM
_LATIN_CODES = ("ro", "pl", "es", "pt", "tr", "sq", "vi", "so", "de", "it", "hu", "cs", "sk", "lt", "tl")

OTHER: dict[str, list[tuple[str, float, str]]] = {c: _LATIN for c in _LATIN_CODES}
OTHER.update({c: _CYRILLIC for c in ("bg", "ru", "uk")})
OTHER["sr"] = _CYRILLIC + _LATIN  # Serbian is written in both scripts
OTHER.update({c: _ARABIC for c in ("ar", "fa", "ps", "ur")})
OTHER.update({c: _ETHIOPIC for c in ("ti", "am")})
# Kurdish: Sorani in Arabic script, Kurmanji in Latin letters
OTHER["ku"] = _ARABIC + _LATIN

# Cues in any language: emoji and numbers carry meaning across languages.
UNIVERSAL: list[tuple[str, float, str]] = [
    ("self_harm", 0.5, r"🔪🩸|🩸"),
    ("acute_danger", 0.4, r"🆘|sos\b"),
]
