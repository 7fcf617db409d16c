"""Keyword lexicons (regular expressions on lower-cased text) for languages without a spaCy pipeline
here. Small on purpose: enough to surface the common signals for a counsellor who speaks the language.
Entries: (code, weight, regex). Evidence offsets come straight from the regex match.
"""

from __future__ import annotations

OTHER: dict[str, list[tuple[str, float, str]]] = {
    "ro": [
        ("control_restriction", 0.9, r"pa[sș]aport|mi-au luat (telefonul|actele)|nu am voie să ies|nu am voie sa ies|încuiat|inchis[aă]|închis[aă]"),
        ("labour_exploitation", 0.85, r"\d+ (de )?ore pe zi|nu sunt pl[aă]tit|f[aă]r[aă] salariu|nu m[aă] pl[aă]te[sș]te"),
        ("criminal_exploitation", 0.85, r"s[aă] fur|furat din magazine|droguri|s[aă] vând droguri|cardul meu"),
        ("debt_bondage", 0.9, r"datori[ea]|s[aă] pl[aă]tesc înapoi|sa platesc inapoi"),
        ("violence_threats", 0.9, r"m[aă] bate|m[aă] amenin[tț][aă]|amenin[tț]|m-a violat|omoar[aă]"),
        ("sexual_exploitation", 0.9, r"sex cu b[aă]rba[tț]i|clien[tț]i|prostitu"),
        ("acute_danger", 0.9, r"(închis[aă]|inchis[aă]|încuiat[aă]).{0,30}acum|acum.{0,30}(închis[aă]|inchis[aă])|ajuta[tț]i-m[aă]"),
        ("self_harm", 0.9, r"vreau s[aă] mor|m[aă] sinucid|sinucidere"),
        ("unaccompanied_migrant", 0.8, r"am venit singur|f[aă]r[aă] p[aă]rin[tț]i"),
    ],
    "bg": [
        ("control_restriction", 0.9, r"паспорт|взеха ми телефона|заключен[аи]?|не ме пускат"),
        ("labour_exploitation", 0.85, r"\d+ часа на ден|без заплата|не ми плащат"),
        ("debt_bondage", 0.9, r"дълг|да върна пари"),
        ("violence_threats", 0.9, r"бие|заплашва|заплаш|изнасил|убия"),
        ("sexual_exploitation", 0.9, r"спя с мъже|клиенти|проституц|секс с мъже"),
        ("criminal_exploitation", 0.85, r"крада|наркотици|дрога"),
        ("acute_danger", 0.9, r"заключен[аи]? .{0,20}(в момента|сега)|в момента.{0,20}заключен"),
        ("self_harm", 0.9, r"искам да умра|самоубий"),
        ("unaccompanied_migrant", 0.8, r"дойдох сам|без родители"),
    ],
    "pl": [
        ("control_restriction", 0.9, r"paszport|zabrali mi telefon|zamkni[eę]t[aey]|nie mog[eę] wyj[sś][cć]"),
        ("labour_exploitation", 0.85, r"\d+ godzin dziennie|nie p[lł]aci|bez wyp[lł]aty|mieszkamy w kontenerze|kontener"),
        ("debt_bondage", 0.9, r"d[lł]ug|sp[lł]aci[cć]"),
        ("violence_threats", 0.9, r"bije|grozi|zgwa[lł]ci|zabij"),
        ("sexual_exploitation", 0.9, r"seksu z klientami|klient|prostytu|seks za pieni"),
        ("criminal_exploitation", 0.85, r"kra[sś][cć]|narkotyk"),
        ("acute_danger", 0.9, r"zamkni[eę]t[aey] w pokoju teraz|teraz.{0,20}zamkni|zamkni.{0,30}teraz"),
        ("self_harm", 0.9, r"chc[eę] umrze[cć]|samob[oó]j"),
        ("unaccompanied_migrant", 0.8, r"bez rodzic[oó]w|przyjecha[lł]em sam"),
    ],
    "ar": [
        ("control_restriction", 0.9, r"جواز|أخذوا هاتفي|محبوس|محبوسة|لا أستطيع الخروج"),
        ("labour_exploitation", 0.85, r"ساعة في اليوم|بدون أجر|بدون راتب|لا يدفع"),
        ("debt_bondage", 0.9, r"الدين|دين|أدفع"),
        ("violence_threats", 0.9, r"يضربني|يهددني|تهديد|اغتصب|يقتل"),
        ("sexual_exploitation", 0.9, r"زبائن|دعارة|مع رجال"),
        ("criminal_exploitation", 0.85, r"المخدرات|مخدرات|أسرق|سرقة"),
        ("acute_danger", 0.9, r"محبوس[ةه]? في غرفة الآن|الآن.{0,20}محبوس|محبوس.{0,30}الآن"),
        ("self_harm", 0.9, r"أريد أن أموت|انتحار"),
        ("unaccompanied_migrant", 0.85, r"وحدي هنا|بدون أهلي|بدون عائلتي|المهرب|لوحدي"),
    ],
    "vi": [
        ("control_restriction", 0.9, r"hộ chiếu|không được ra ngoài|bị nhốt|lấy điện thoại"),
        ("labour_exploitation", 0.85, r"\d+ tiếng một ngày|không có lương|không trả lương|tiệm nail"),
        ("debt_bondage", 0.9, r"nợ|trả nợ"),
        ("violence_threats", 0.9, r"đánh tôi|đe dọa|hiếp"),
        ("sexual_exploitation", 0.9, r"bán dâm|khách làng chơi|ngủ với đàn ông"),
        ("criminal_exploitation", 0.85, r"cần sa|ma túy|trồng cỏ|ăn cắp"),
        ("acute_danger", 0.9, r"bị nhốt.{0,30}bây giờ|bây giờ.{0,20}bị nhốt"),
        ("self_harm", 0.9, r"muốn chết|tự tử"),
        ("unaccompanied_migrant", 0.85, r"đến một mình|một mình.{0,30}bố mẹ|bố mẹ tôi ở việt nam"),
    ],
    "ti": [
        ("control_restriction", 0.9, r"ፓስፖርት|ተዓጽየ"),
        ("debt_bondage", 0.9, r"ገንዘብ ክኸፍል|ዕዳ|ልቓሕ"),
        ("violence_threats", 0.9, r"ይወቕዑ|ወቒዖም|የፈራርሁ|ይቐትሉ"),
        ("unaccompanied_migrant", 0.9, r"ብሕተይ|ስድራይ ኣብ|ኣሕላፊ|ሰጋሪ"),
        ("labour_exploitation", 0.8, r"ደሞዝ የለን|ብዘይ ደሞዝ"),
        ("self_harm", 0.9, r"ክመውት እደሊ"),
    ],
    "am": [
        ("control_restriction", 0.9, r"ፓስፖርት"),
        ("unaccompanied_migrant", 0.9, r"ብቻዬን|ቤተሰቦቼ"),
        ("violence_threats", 0.9, r"ይደበድበኛል|ያስፈራራኛል"),
        ("debt_bondage", 0.9, r"ዕዳ|ዕዳ"),
    ],
    "uk": [
        ("control_restriction", 0.9, r"паспорт|забрали телефон|замкнен"),
        ("labour_exploitation", 0.85, r"\d+ годин на день|без оплати|не платять"),
        ("debt_bondage", 0.9, r"борг"),
        ("violence_threats", 0.9, r"б'є|бʼє|б’є|погрожу|зґвалт|вб'ю"),
        ("sexual_exploitation", 0.9, r"спати з чоловіками|клієнт|проститу"),
        ("criminal_exploitation", 0.85, r"наркотик|красти"),
        ("self_harm", 0.9, r"хочу померти|самогуб"),
    ],
    "ru": [
        ("control_restriction", 0.9, r"паспорт|забрали телефон|заперт"),
        ("labour_exploitation", 0.85, r"\d+ часов в день|без оплаты|не платят"),
        ("debt_bondage", 0.9, r"долг"),
        ("violence_threats", 0.9, r"бьет|бьёт|угрожа|изнасил|убью"),
        ("sexual_exploitation", 0.9, r"спать с мужчинами|клиент|проститу"),
        ("self_harm", 0.9, r"хочу умереть|самоубий"),
    ],
    "es": [
        ("control_restriction", 0.9, r"pasaporte|me quitaron el m[oó]vil|encerrad[ao]|no me dejan salir"),
        ("labour_exploitation", 0.85, r"\d+ horas al d[ií]a|no me pagan|sin sueldo|sin pago"),
        ("debt_bondage", 0.9, r"deuda"),
        ("violence_threats", 0.9, r"me pega|me amenaza|amenaz|me viol[oó]|matar"),
        ("sexual_exploitation", 0.9, r"acostarme con hombres|clientes|prostituc"),
        ("criminal_exploitation", 0.85, r"robar|drogas|vender droga"),
        ("acute_danger", 0.9, r"encerrad[ao].{0,30}ahora|ahora.{0,20}encerrad"),
        ("self_harm", 0.9, r"quiero morir|suicid"),
        ("unaccompanied_migrant", 0.85, r"vine sol[oa]|sin mis padres|sin padres"),
    ],
    "pt": [
        ("control_restriction", 0.9, r"passaporte|trancad[ao]"),
        ("labour_exploitation", 0.85, r"\d+ horas por dia|n[aã]o me pagam|sem sal[aá]rio"),
        ("debt_bondage", 0.9, r"d[ií]vida"),
        ("violence_threats", 0.9, r"me bate|amea[cç]a"),
        ("sexual_exploitation", 0.9, r"clientes|prostitui"),
    ],
    "de": [
        ("control_restriction", 0.9, r"reisepass|pass weggenommen|handy weggenommen|eingesperrt"),
        ("labour_exploitation", 0.85, r"\d+ stunden am tag|keinen lohn|ohne lohn|nicht bezahlt"),
        ("debt_bondage", 0.9, r"schulden"),
        ("violence_threats", 0.9, r"schl[aä]gt mich|droht|bedroht|vergewaltigt"),
        ("sexual_exploitation", 0.9, r"freier|kunden|prostitu|sex mit m[aä]nnern"),
        ("self_harm", 0.9, r"will sterben|umbringen|selbstmord"),
    ],
    "tr": [
        ("control_restriction", 0.9, r"pasaport|telefonumu aldı|kilitli"),
        ("labour_exploitation", 0.85, r"günde \d+ saat|maaş yok|para vermiyor"),
        ("debt_bondage", 0.9, r"borç"),
        ("violence_threats", 0.9, r"beni dövüyor|tehdit"),
        ("sexual_exploitation", 0.9, r"müşteri|fuhuş"),
    ],
}

# Cues in any language: emoji and numbers carry meaning across languages.
UNIVERSAL: list[tuple[str, float, str]] = [
    ("self_harm", 0.5, r"🔪🩸|🩸"),
    ("acute_danger", 0.4, r"🆘|sos\b"),
]
