"""Generate the triage development and held-out sets (deterministic).

    python data/triage/make_dataset.py      # writes dev.jsonl and heldout.jsonl beside this file

Every snippet list is split by position: every 4th snippet (index % 4 == 3) is used ONLY for the
held-out set, the rest only for dev. So held-out conversations use phrasings that the rules were
never written from. The held-out split was generated before any rule was written or tuned.

A snippet is (text, tags). Tags: signal codes, plus
  now   violence or threats happening right now (urgency `high` at any age)
  M     the text itself shows the person at risk is a minor (school, parents' rules, ...)
  A     the text itself shows the person at risk is an adult
Labels follow docs/triage.md (urgency rule from the contract).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
Snip = tuple[str, str]

NAMES = ["Mo", "Kevin", "Dylan", "Jayden", "Ricardo", "Sem", "Youssef", "Nordin", "Jordy", "Bilal", "Anouar",
         "Stefan", "Milan", "Ilias", "Kenzo", "Ryan"]
GIRLS = ["Sanne", "Lotte", "Amira", "Chelsey", "Fleur", "Yasmina", "Noor", "Jill", "Romy", "Lina", "Kelly"]
CITIES = ["Rotterdam", "Antwerpen", "Utrecht", "Gent", "Eindhoven", "Den Haag", "Brussel", "Zwolle", "Almere"]

# ---------------------------------------------------------------- Dutch, victim voice
NL_VICTIM: dict[str, list[Snip]] = {
    "grooming": [
        ("{n} is 22 en geeft me steeds cadeautjes, nieuwe nikes en een iphone", "grooming"),
        ("hij zegt dat ik de enige ben die hem begrijpt en dat mijn ouders me niet snappen", "grooming"),
        ("mn vriend wil niet dat ik nog met mn vriendinnen afspreek, alleen met hem", "grooming control_restriction"),
        ("ik heb een vriend van 24 die ik via snap ken, hij haalt me op met zijn auto na school", "grooming M"),
        ("hij koopt alles voor me, eten, kleren, nagels, en zegt dat ik zijn prinses ben", "grooming"),
        ("hij zei dat hij van me houdt en dat we samen gaan wonen als ik 18 ben", "grooming M"),
        ("sinds ik met hem ben zie ik niemand meer, hij zegt dat mn vriendinnen jaloers zijn", "grooming control_restriction"),
        ("een oudere jongen stuurt me elke dag berichtjes dat ik mooi ben en hij geeft me geld voor de bus", "grooming"),
        ("mijn lover zegt dat ik hem iets terug moet doen omdat hij zoveel voor me heeft gekocht", "grooming debt_bondage"),
        ("k ken hem pas 2 weken maar hij zegt al dat ik zijn vrouw ben en hij heeft me een tas van gucci gegeven", "grooming"),
        ("hij is veel ouder en zegt dat ik niks aan mn ouders mag vertellen over ons", "grooming M"),
        ("hij neemt me mee naar feestjes met oudere mannen en geeft me drank en wiet", "grooming"),
    ],
    "sexual_exploitation": [
        ("mn vriend zegt dat ik met zijn vrienden moet slapen omdat hij geld nodig heeft", "sexual_exploitation grooming"),
        ("hij zet advertenties van mij online en dan komen er mannen naar het appartement", "sexual_exploitation"),
        ("ik moet voor hem werken met klanten, hij houdt al het geld", "sexual_exploitation"),
        ("ik moet met mannen mee naar een hotel en hij regelt dat", "sexual_exploitation"),
        ("hij laat me seks hebben met andere mannen voor geld", "sexual_exploitation"),
        ("ik doe dates voor hem, 5 per avond, en krijg zelf niks", "sexual_exploitation"),
        ("hij heeft een profiel van mij op een escortsite gezet", "sexual_exploitation"),
        ("ik moet klanten doen in een airbnb in {city}", "sexual_exploitation"),
        ("hij zegt dat ik moet werken voor hem, met mannen, anders is het uit", "sexual_exploitation grooming"),
        ("als ik geen 500 euro per nacht binnenbreng wordt hij boos", "sexual_exploitation"),
        ("ik word naar mannen gebracht die betalen voor seks met mij", "sexual_exploitation"),
        ("zijn neef regelt de klanten en ik moet het geld aan hem geven", "sexual_exploitation"),
    ],
    "sextortion": [
        ("iemand heeft naaktfotos van mij en zegt dat hij ze naar iedereen stuurt als ik niet betaal", "sextortion"),
        ("hij dreigt mijn nudes te verspreiden als ik niet doe wat hij zegt", "sextortion"),
        ("ik heb op snap een filmpje gestuurd en nu wil hij 300 euro anders zet hij het online", "sextortion"),
        ("ze hebben een video van mij en zeggen dat ze hem naar mn ouders sturen", "sextortion"),
        ("hij zegt dat hij mijn naaktfoto's in de klassengroep zet als ik niet nog meer stuur", "sextortion M"),
        ("een jongen op insta chanteert me met een foto van mij zonder kleren", "sextortion"),
        ("hij heeft me gefilmd tijdens seks en zegt dat hij het online gooit als ik weg ga", "sextortion"),
        ("iemand dreigt mijn pikante fotos te lekken als ik geen nieuwe stuur", "sextortion"),
    ],
    "criminal_exploitation": [
        ("ik moet pakketjes wegbrengen voor hem en ik weet dat er drugs in zitten", "criminal_exploitation"),
        ("ze vroegen of ik mijn pinpas wil uitlenen voor 200 euro en nu zit ik vast", "criminal_exploitation"),
        ("ik moet runnen voor een paar jongens uit de buurt, anders krijg ik klappen", "criminal_exploitation violence_threats"),
        ("hij zei dat ik mijn rekening moest lenen, nu staat er een hoop geld op dat niet van mij is", "criminal_exploitation"),
        ("ik moet dealen op het plein voor hen", "criminal_exploitation"),
        ("ze laten me stelen in winkels, parfum en kleding, en zij verkopen het", "criminal_exploitation"),
        ("ik moet osso zakjes rondbrengen met de scooter voor doekoe maar ik krijg niks", "criminal_exploitation"),
        ("ze hebben een telefoonabonnement op mijn naam afgesloten en een lening", "criminal_exploitation"),
        ("ik moet de waggie vol spullen naar {city} rijden en ik mag geen vragen stellen", "criminal_exploitation"),
        ("ik heb mijn bankpas aan een mattie gegeven en nu zegt de bank dat ik een geldezel ben", "criminal_exploitation"),
        ("ik moet bolletjes in mijn broek naar school meenemen voor hem", "criminal_exploitation M"),
        ("ze willen dat ik inbreek in huizen en zeggen dat ik te jong ben om gestraft te worden", "criminal_exploitation"),
    ],
    "labour_exploitation": [
        ("ik werk 14 uur per dag in een nagelsalon en krijg 50 euro per week", "labour_exploitation"),
        ("we werken elke dag in de kas, ook zondag, en de baas betaalt bijna niks", "labour_exploitation A"),
        ("ik slaap in de keuken van het restaurant waar ik werk", "labour_exploitation"),
        ("ik moet de hele dag schoonmaken in het huis van die familie en ik krijg geen loon", "labour_exploitation"),
        ("ik werk op een bouwplaats zonder helm of contract en als je klaagt word je ontslagen", "labour_exploitation A"),
        ("mijn baas zegt dat mijn loon naar de huur en het busje gaat, ik hou 2 euro per uur over", "labour_exploitation debt_bondage A"),
        ("we wonen met 12 man in een kamer boven de car wash en werken van 6 tot 10", "labour_exploitation"),
        ("ik krijg nooit betaald, ze zeggen volgende maand, al een half jaar", "labour_exploitation"),
    ],
    "debt_bondage": [
        ("ik moet 8000 euro terugbetalen voor de reis naar hier", "debt_bondage"),
        ("hij zegt dat ik bij hem in de schuld sta voor de kleren en de telefoon en dat ik het moet terugverdienen", "debt_bondage grooming"),
        ("mijn schuld wordt elke week hoger, ze rekenen boetes als ik te laat ben", "debt_bondage"),
        ("ik mag pas weg als ik alles heb afbetaald zegt hij", "debt_bondage control_restriction"),
        ("ze zeggen dat ik nog 2000 euro moet voor het eten en slapen", "debt_bondage"),
        ("ik ben een pakket kwijtgeraakt en nu moet ik 1500 terugbetalen door voor ze te werken", "debt_bondage criminal_exploitation"),
        ("de smokkelaar zegt dat mijn familie moet betalen of ik moet werken tot de schuld weg is", "debt_bondage"),
        ("ik heb een schuld bij hem en daarom kan ik niet stoppen", "debt_bondage"),
    ],
    "control_restriction": [
        ("hij heeft mijn telefoon afgepakt en ik mag niemand bellen", "control_restriction"),
        ("ze hebben mijn paspoort en ID ingenomen", "control_restriction"),
        ("hij checkt de hele tijd mijn locatie via snapmap en belt als ik ergens anders ben", "control_restriction"),
        ("ik mag niet alleen naar buiten, er is altijd iemand bij me", "control_restriction"),
        ("ik weet niet eens op welk adres ik nu woon", "control_restriction"),
        ("hij houdt mijn bankpas en geeft me 10 euro per week", "control_restriction"),
        ("ze hebben een app op mn telefoon gezet waarmee ze alles kunnen zien", "control_restriction"),
        ("ik moet elk uur een foto sturen van waar ik ben", "control_restriction"),
        ("de deur gaat op slot als hij weggaat maar hij is altijd snel terug", "control_restriction"),
        ("hij bepaalt wat ik aantrek en met wie ik praat", "control_restriction"),
        ("mijn id-kaart ligt bij hem in de kluis", "control_restriction"),
        ("ze lezen al mijn berichten mee", "control_restriction"),
    ],
    "violence_threats": [
        ("hij slaat me als ik nee zeg", "violence_threats"),
        ("hij heeft gezegd dat hij mijn zusje iets aandoet als ik praat", "violence_threats"),
        ("ze dreigen mijn familie te vermoorden als ik naar de politie ga", "violence_threats"),
        ("vorige week heeft hij me zo hard geschopt dat ik blauwe plekken heb", "violence_threats"),
        ("hij heeft me verkracht", "violence_threats"),
        ("ze zeggen dat ik een mes krijg als ik niet betaal", "violence_threats"),
        ("hij duwt me tegen de muur en knijpt mn keel dicht", "violence_threats"),
        ("ze hebben gezegd dat ze mijn huis in de fik steken", "violence_threats"),
        ("hij heeft me gisteren in elkaar geslagen", "violence_threats"),
        ("ze dreigen me op te wachten na school met een groep", "violence_threats M"),
    ],
    "missing_runaway": [
        ("ik ben weggelopen van huis en slaap nu bij iemand die ik niet ken", "missing_runaway"),
        ("ik ben weg uit de groep (jeugdzorg) en ze zoeken me denk ik", "missing_runaway M"),
        ("ik slaap al een week op verschillende plekken, soms bij zijn vrienden", "missing_runaway"),
        ("ik ben van de leefgroep gevlucht", "missing_runaway M"),
        ("ik ben drie dagen niet thuis geweest, mn moeder weet niet waar ik ben", "missing_runaway M"),
        ("ik ben uit het opvanghuis weggegaan en heb geen plek om te slapen", "missing_runaway"),
        ("ik ben weggelopen uit de instelling en ik ben nu in {city}", "missing_runaway M"),
        ("ik ga niet meer naar huis, ik blijf bij hem", "missing_runaway"),
    ],
    "unaccompanied_migrant": [
        ("ik ben alleen naar nederland gekomen, mijn ouders zijn nog in eritrea", "unaccompanied_migrant M"),
        ("ik woon in het azc en heb geen familie hier", "unaccompanied_migrant"),
        ("ik ben 16 en ik kwam alleen met een smokkelaar uit afghanistan", "unaccompanied_migrant M"),
        ("ik heb geen papieren en mijn voogd weet niet dat ik hier ben", "unaccompanied_migrant M"),
        ("ik zit in een opvang voor minderjarigen zonder ouders", "unaccompanied_migrant M"),
        ("ik ben zonder mijn familie gevlucht uit syrie en nu ben ik in belgie alleen", "unaccompanied_migrant"),
        ("ik ben een nbmv en woon in een centrum van fedasil", "unaccompanied_migrant M"),
        ("mijn ouders zijn in marokko, ik ben hier alleen en slaap bij jongens", "unaccompanied_migrant"),
    ],
    "family_perpetrator": [
        ("mijn oom laat me met mannen slapen en hij krijgt het geld", "family_perpetrator sexual_exploitation"),
        ("mijn vader zegt dat ik moet werken in het restaurant van mijn neef zonder loon", "family_perpetrator labour_exploitation"),
        ("mijn moeder verkoopt fotos van mij aan mannen", "family_perpetrator sexual_exploitation"),
        ("mijn ouders sturen me elke dag naar de stad om te stelen", "family_perpetrator criminal_exploitation M"),
        ("mijn stiefvader brengt mannen mee naar huis en ik moet met ze naar boven", "family_perpetrator sexual_exploitation M"),
        ("mijn broer laat me drugs verkopen voor hem en zegt dat familie dat doet", "family_perpetrator criminal_exploitation"),
        ("mijn tante heeft me hierheen gehaald en nu moet ik de hele dag in haar huis werken", "family_perpetrator labour_exploitation"),
        ("mijn familie wil dat ik trouw met een man van 40 om hun schuld te betalen", "family_perpetrator debt_bondage"),
    ],
    "self_harm": [
        ("ik wil gewoon niet meer leven", "self_harm"),
        ("ik snij mezelf soms om het niet te voelen", "self_harm"),
        ("ik denk er steeds aan om er een eind aan te maken", "self_harm"),
        ("soms wil ik gewoon dood", "self_harm"),
        ("ik doe mezelf pijn als het te veel wordt", "self_harm"),
        ("ik zie het niet meer zitten en denk aan zelfmoord", "self_harm"),
        ("ik kras in mijn armen", "self_harm"),
        ("wat heeft het nog voor zin, iedereen is beter af zonder mij", "self_harm"),
    ],
    "acute_danger": [
        ("hij staat nu voor de deur en schreeuwt dat hij me gaat pakken", "acute_danger violence_threats now"),
        ("ik zit opgesloten in een kamer en kan niet weg", "acute_danger control_restriction"),
        ("ik ben nu bij een klant in een hotel en ik ben bang", "acute_danger sexual_exploitation"),
        ("ze brengen me vanavond naar een ander land en ik wil niet", "acute_danger"),
        ("ik heb pillen verzameld en ik ga ze vannacht allemaal nemen", "acute_danger self_harm"),
        ("hij komt me over 10 min halen en ik moet weer naar die mannen", "acute_danger sexual_exploitation"),
        ("help ik zit in zijn auto en hij rijdt me ergens heen", "acute_danger"),
        ("hij slaat me nu, ik zit op de wc verstopt", "acute_danger violence_threats now"),
        ("ik sta op het dak en ik ga springen", "acute_danger self_harm"),
        ("ze hebben de deur op slot gedaan en mijn telefoon is bijna leeg, ik weet niet waar ik ben", "acute_danger control_restriction"),
        ("er zijn nu mannen in het huis en ze zeggen dat ik mee moet", "acute_danger"),
        ("hij zit hier beneden te wachten en zegt dat ik vannacht moet werken", "acute_danger sexual_exploitation"),
    ],
}

# Hard negatives in victim voice: negation, past and recovered, jokes, info questions.
NL_HARD: list[Snip] = [
    ("hij pakt mijn telefoon niet af hoor, hij is gewoon lief", ""),
    ("mijn vriend slaat me nooit, we hebben gewoon soms ruzie", ""),
    ("we hadden een les over loverboys, hoe herken je zo iemand eigenlijk?", "M"),
    ("haha mn mattie zei dat ik voor hem moet werken lol, grapje natuurlijk hij werkt bij de appie", ""),
    ("ik hoef geen pakketjes weg te brengen, ik vraag het voor een werkstuk", "M"),
    ("mag ik vragen hoe dit werkt? is het anoniem?", ""),
    ("ik zag een docu over mensenhandel en schrok ervan", ""),
    ("mijn ouders zijn streng, ik mag niet na 10 uur buiten, is dat normaal?", "M"),
    ("ik werk bij de jumbo en mijn baas is best chill", ""),
    ("niemand dwingt me tot iets, ik wil alleen info", ""),
    ("we moeten voor school een spreekbeurt doen over uitbuiting, heb je tips?", "M"),
    ("mijn vriend is 17 en ik ben 16, hij is echt lief en koopt soms een ijsje voor me", "M"),
    ("ik heb een schuld bij duo maar dat is normaal toch", "A"),
    ("nee hij heeft mijn paspoort niet, dat heb ik zelf", ""),
    ("hoi", ""),
    ("wie zit er aan de andere kant?", ""),
]
NL_PAST: list[Snip] = [
    ("vorig jaar moest ik voor een jongen werken met klanten, nu gaat het goed en woon ik weer thuis", "sexual_exploitation"),
    ("twee jaar geleden heb ik drugs gelopen voor een groep, ik ben eruit maar droom er nog over", "criminal_exploitation"),
    ("vroeger had mijn ex mijn telefoon en paspoort, nu ben ik veilig", "control_restriction"),
    ("toen ik 14 was werd ik gechanteerd met fotos, het is voorbij maar ik wil erover praten", "sextortion"),
    ("ik ben vorige zomer weggelopen, nu woon ik weer bij mijn moeder", "missing_runaway M"),
    ("mijn ex sloeg me vroeger, ik heb hem al een jaar niet gezien", "violence_threats"),
]

NL_WITNESS: dict[str, list[Snip]] = {
    "grooming": [
        ("mijn zusje van {age} heeft een vriend van 25 die haar steeds dure dingen geeft", "grooming"),
        ("een meisje uit mijn klas heeft opeens een nieuwe iphone en een oudere vriend met een bmw", "grooming M"),
        ("mijn vriendin ziet ons niet meer, ze is altijd bij die jongen en hij betaalt alles", "grooming"),
        ("mijn dochter van {age} wordt elke dag opgehaald door een veel oudere man", "grooming"),
    ],
    "sexual_exploitation": [
        ("ik denk dat mijn vriendin door haar vriendje met mannen moet slapen voor geld", "sexual_exploitation"),
        ("mijn zus zegt dat ze met klanten moet voor hem", "sexual_exploitation"),
        ("ik hoorde op school dat een meisje uit 3 havo naar hotels wordt gebracht door een jongen", "sexual_exploitation M"),
        ("in het huis naast ons komen elke avond andere mannen en er wonen jonge meisjes", "sexual_exploitation"),
    ],
    "criminal_exploitation": [
        ("mijn broertje van {age} moet drugs rondbrengen voor oudere jongens", "criminal_exploitation"),
        ("een jongen uit mijn team heeft zijn pinpas uitgeleend en nu wordt hij bedreigd", "criminal_exploitation violence_threats"),
        ("mijn neefje loopt de hele dag pakketjes voor iemand en heeft ineens veel geld", "criminal_exploitation"),
        ("ik zie kinderen die voor een groep mannen stelen in de supermarkt", "criminal_exploitation"),
    ],
    "labour_exploitation": [
        ("bij de nagelstudio om de hoek werken jonge meisjes tot middernacht en ze slapen daar", "labour_exploitation"),
        ("mijn buurman werkt 7 dagen per week voor bijna niks en woont in een container", "labour_exploitation A"),
    ],
    "control_restriction": [
        ("haar vriend heeft haar telefoon afgepakt en ze mag niet meer naar buiten", "control_restriction"),
        ("mijn vriendin moet steeds haar locatie delen met hem", "control_restriction"),
        ("ze heeft haar paspoort niet meer, dat heeft haar baas", "control_restriction"),
    ],
    "violence_threats": [
        ("mijn vriendin wordt geslagen door haar vriend", "violence_threats"),
        ("hij heeft gedreigd haar familie iets aan te doen", "violence_threats"),
        ("mijn zus heeft blauwe plekken en zegt dat ze gevallen is", "violence_threats"),
    ],
    "missing_runaway": [
        ("mijn dochter van {age} is sinds zaterdag weg en neemt haar telefoon niet op", "missing_runaway"),
        ("mijn vriendin is weggelopen uit de jeugdzorg en slaapt bij onbekenden", "missing_runaway M"),
        ("mijn zus is al 3 dagen vermist", "missing_runaway"),
    ],
    "sextortion": [
        ("mijn vriend wordt gechanteerd met een naaktfilmpje, ze willen geld", "sextortion"),
        ("iemand dreigt de fotos van mijn zus te verspreiden", "sextortion"),
    ],
    "acute_danger": [
        ("mijn vriendin belt me net, ze zit nu opgesloten bij hem en kan niet weg", "acute_danger control_restriction"),
        ("mijn zus wordt nu naar een hotel gebracht door die jongen, wat moet ik doen", "acute_danger sexual_exploitation"),
        ("mijn vriend zegt dat hij nu een mes heeft en zichzelf iets aandoet", "acute_danger self_harm"),
    ],
}
NL_WITNESS_HARD: list[Snip] = [
    ("ik hoorde in een podcast over loverboys, bestaat dat echt in nederland?", ""),
    ("mijn vriendin heeft een nieuwe vriend maar hij lijkt me oké, hij doet normaal", ""),
    ("mijn broer werkt bij zijn oom in de winkel en krijgt gewoon loon", ""),
]

NL_PRO: dict[str, list[Snip]] = {
    "grooming": [
        ("ik ben mentor op een vmbo, een leerling van {age} heeft steeds nieuwe dure spullen en een oudere vriend", "grooming"),
        ("als jeugdhulpverlener maak ik me zorgen om een cliënt die door een oudere man wordt opgehaald", "grooming"),
    ],
    "sexual_exploitation": [
        ("ik werk in een leefgroep, een bewoonster van {age} komt 's nachts terug met geld en een hotelkaart", "sexual_exploitation"),
        ("wij vermoeden als school dat een leerling in de prostitutie wordt gebracht, hoe melden wij dat", "sexual_exploitation"),
    ],
    "criminal_exploitation": [
        ("ik ben wijkagent, jongeren van 13 worden ingezet als drugsrunner, waar kan ik terecht voor advies", "criminal_exploitation"),
        ("een cliënt van mij heeft zijn bankrekening uitgeleend en wordt nu onder druk gezet", "criminal_exploitation"),
    ],
    "labour_exploitation": [
        ("als maatschappelijk werker zie ik een jongen die 12 uur per dag in een autowasstraat werkt zonder loon", "labour_exploitation"),
    ],
    "missing_runaway": [
        ("een pupil van ons is van de groep weggelopen en we vermoeden dat ze bij een loverboy zit", "missing_runaway grooming"),
    ],
    "unaccompanied_migrant": [
        ("ik ben voogd van een alleenstaande minderjarige vreemdeling die contact houdt met haar smokkelaar", "unaccompanied_migrant"),
        ("in ons azc verdwijnen amv's, een jongen van {age} zegt dat hij geld moet terugbetalen", "unaccompanied_migrant debt_bondage"),
    ],
    "family_perpetrator": [
        ("ik ben docent en vermoed dat de ouders van een leerling haar laten werken in hun zaak na school", "family_perpetrator labour_exploitation"),
    ],
}
NL_PERP: list[Snip] = [
    ("ik heb een meisje dat voor mij werkt met klanten en ik weet niet meer hoe ik moet stoppen", "sexual_exploitation"),
    ("ik heb naaktfotos van mijn ex en ik heb gezegd dat ik ze deel als ze niet terugkomt, is dat strafbaar", "sextortion"),
    ("ik laat een paar jongens uit de buurt pakketjes voor me wegbrengen, ik merk dat ze bang voor me zijn", "criminal_exploitation"),
    ("ik heb mijn vriendin geslagen en ik ben bang dat ik het weer doe", "violence_threats"),
    ("ik pak soms haar telefoon af zodat ze niet met anderen praat, ik wil hulp want ik ga te ver", "control_restriction"),
    ("ik ben bang dat ik zelf een loverboy ben geworden, ik geef haar cadeaus en laat haar dan geld verdienen", "grooming sexual_exploitation"),
    ("ik heb arbeiders in dienst die bij mij wonen en ik hou hun paspoort, mag dat niet?", "control_restriction labour_exploitation"),
    ("ik heb een jongen van 15 gevraagd om zijn rekening te lenen, ik wil weten of ik problemen krijg", "criminal_exploitation"),
]

# ---------------------------------------------------------------- English
EN_VICTIM: dict[str, list[Snip]] = {
    "grooming": [
        ("my boyfriend is 23 and buys me everything, he says I'm the only one for him", "grooming"),
        ("he says my friends are fake and I should only trust him", "grooming control_restriction"),
        ("an older guy from insta keeps sending me money and gifts and says we'll move in together", "grooming"),
        ("he picks me up after school in his car and tells me not to tell my parents", "grooming M"),
    ],
    "sexual_exploitation": [
        ("he makes me see men for money and keeps it all", "sexual_exploitation"),
        ("i have to do clients in a hotel for him", "sexual_exploitation"),
        ("my bf put ads of me online and guys come to the flat", "sexual_exploitation"),
        ("they make me have sex with their friends to pay them back", "sexual_exploitation debt_bondage"),
    ],
    "sextortion": [
        ("someone has my nudes and says he will send them to everyone unless I pay", "sextortion"),
        ("a guy is blackmailing me with a video of me", "sextortion"),
        ("he threatens to post my pics if I don't send more", "sextortion"),
        ("they want 500 euros or they share my naked photos with my school", "sextortion M"),
    ],
    "criminal_exploitation": [
        ("i have to deliver packages for them and i know its drugs", "criminal_exploitation"),
        ("they asked to borrow my bank card and now there is money on my account that is not mine", "criminal_exploitation"),
        ("they make me steal from shops every day", "criminal_exploitation"),
        ("i'm running county lines for some older guys", "criminal_exploitation"),
    ],
    "labour_exploitation": [
        ("i work 15 hours a day in a restaurant kitchen and they pay me nothing", "labour_exploitation"),
        ("we sleep at the farm where we work and the boss keeps our wages", "labour_exploitation A"),
        ("i clean houses all day without pay", "labour_exploitation"),
    ],
    "debt_bondage": [
        ("i owe them 10000 euro for the trip and must work until it is paid", "debt_bondage"),
        ("they say my debt keeps growing because of rent and food", "debt_bondage"),
        ("i can't leave until i pay back what i owe him", "debt_bondage control_restriction"),
    ],
    "control_restriction": [
        ("he took my phone and my passport", "control_restriction"),
        ("they track my location all the time", "control_restriction"),
        ("i'm not allowed to go outside alone", "control_restriction"),
        ("i don't even know the address where i live", "control_restriction"),
    ],
    "violence_threats": [
        ("he hits me when i say no", "violence_threats"),
        ("they said they will hurt my little sister if i talk", "violence_threats"),
        ("he raped me", "violence_threats"),
        ("they threatened to kill my family back home", "violence_threats"),
    ],
    "missing_runaway": [
        ("i ran away from home and i sleep at his friends places", "missing_runaway"),
        ("i left the care home and they are looking for me", "missing_runaway M"),
        ("i ran away from the shelter, i have nowhere to sleep", "missing_runaway"),
    ],
    "unaccompanied_migrant": [
        ("i came alone to the netherlands, my parents are in eritrea", "unaccompanied_migrant"),
        ("i am 16 and live in the asylum centre without family", "unaccompanied_migrant M"),
        ("i have no papers and the smuggler still calls me", "unaccompanied_migrant"),
    ],
    "family_perpetrator": [
        ("my uncle makes me sleep with men and takes the money", "family_perpetrator sexual_exploitation"),
        ("my parents make me work in their shop every night instead of going to school", "family_perpetrator labour_exploitation M"),
        ("my mom sells pictures of me", "family_perpetrator sexual_exploitation"),
    ],
    "self_harm": [
        ("i don't want to live anymore", "self_harm"),
        ("i cut myself when it gets too much", "self_harm"),
        ("i keep thinking about killing myself", "self_harm"),
        ("sometimes i just want to die", "self_harm"),
    ],
    "acute_danger": [
        ("he is outside my door right now and says he will kill me", "acute_danger violence_threats now"),
        ("i'm locked in a room and can't get out", "acute_danger control_restriction"),
        ("i am with a client right now in a hotel, please help", "acute_danger sexual_exploitation"),
        ("they are moving me to another city tonight", "acute_danger"),
        ("i have the pills here and i'm going to take them all tonight", "acute_danger self_harm"),
        ("he is coming to get me in 10 minutes", "acute_danger"),
    ],
}
EN_HARD: list[Snip] = [
    ("he doesn't take my phone, he's actually really nice", ""),
    ("we had a class about human trafficking, what are the signs?", "M"),
    ("last year i had to sell drugs for a gang but now i'm out and doing fine", "criminal_exploitation"),
    ("hi, is this anonymous?", ""),
    ("lol my friend joked he would sell me on ebay haha", ""),
]
EN_OTHER: list[tuple[str, Snip]] = [
    ("witness", ("my friend's boyfriend makes her sleep with other men for money", "sexual_exploitation")),
    ("witness", ("my little brother has to sell drugs for older boys", "criminal_exploitation")),
    ("witness", ("my sister is missing since friday and her phone is off", "missing_runaway")),
    ("witness", ("my friend says her boss keeps her passport", "control_restriction")),
    ("professional", ("i'm a teacher and one of my students has an older boyfriend who buys her expensive things", "grooming M")),
    ("professional", ("as a social worker i suspect a client of mine is being forced to work without pay", "labour_exploitation")),
    ("professional", ("i am a youth worker, a girl in our care came back with cash and a hotel key", "sexual_exploitation")),
    ("perpetrator", ("i have a girl working for me with clients and i want to stop", "sexual_exploitation")),
    ("perpetrator", ("i threatened to share my ex's nudes, will i get in trouble", "sextortion")),
    ("perpetrator", ("i let some kids from my area run packages for me", "criminal_exploitation")),
]

# ---------------------------------------------------------------- French
FR_VICTIM: dict[str, list[Snip]] = {
    "grooming": [
        ("mon copain a 25 ans et il m'achète plein de cadeaux, il dit que je suis sa princesse", "grooming"),
        ("il dit que mes amies sont jalouses et que je dois rester seulement avec lui", "grooming control_restriction"),
        ("un homme plus âgé vient me chercher après l'école et me donne de l'argent", "grooming M"),
    ],
    "sexual_exploitation": [
        ("il m'oblige à voir des clients dans un hôtel", "sexual_exploitation"),
        ("je dois coucher avec des hommes pour de l'argent et il garde tout", "sexual_exploitation"),
        ("il a mis des annonces de moi sur internet", "sexual_exploitation"),
    ],
    "sextortion": [
        ("quelqu'un a des photos nues de moi et menace de les envoyer à tout le monde", "sextortion"),
        ("il me fait du chantage avec une vidéo de moi", "sextortion"),
        ("il veut 200 euros sinon il publie mes nudes", "sextortion"),
    ],
    "criminal_exploitation": [
        ("je dois livrer des paquets de drogue pour eux", "criminal_exploitation"),
        ("ils m'obligent à voler dans les magasins", "criminal_exploitation"),
        ("ils ont pris ma carte bancaire pour faire passer de l'argent", "criminal_exploitation control_restriction"),
    ],
    "labour_exploitation": [
        ("je travaille 14 heures par jour dans un restaurant sans être payé", "labour_exploitation"),
        ("on dort sur le chantier et le patron ne nous paie presque rien", "labour_exploitation A"),
    ],
    "debt_bondage": [
        ("je dois 7000 euros pour le voyage et je dois travailler pour rembourser", "debt_bondage"),
        ("ma dette augmente chaque semaine", "debt_bondage"),
    ],
    "control_restriction": [
        ("il a pris mon téléphone et mon passeport", "control_restriction"),
        ("je n'ai pas le droit de sortir seule", "control_restriction"),
        ("ils surveillent ma localisation tout le temps", "control_restriction"),
    ],
    "violence_threats": [
        ("il me frappe quand je dis non", "violence_threats"),
        ("ils menacent de tuer ma famille si je parle", "violence_threats"),
        ("il m'a violée", "violence_threats"),
    ],
    "missing_runaway": [
        ("j'ai fugué de chez moi et je dors chez des inconnus", "missing_runaway"),
        ("je me suis enfuie du foyer", "missing_runaway M"),
    ],
    "unaccompanied_migrant": [
        ("je suis arrivé seul en belgique, mes parents sont en guinée", "unaccompanied_migrant"),
        ("j'ai 15 ans et je vis dans un centre pour mineurs non accompagnés", "unaccompanied_migrant M"),
    ],
    "family_perpetrator": [
        ("mon oncle me fait travailler chez lui sans salaire et garde mes papiers", "family_perpetrator labour_exploitation control_restriction"),
        ("ma tante m'envoie chez des hommes pour de l'argent", "family_perpetrator sexual_exploitation"),
    ],
    "self_harm": [
        ("je ne veux plus vivre", "self_harm"),
        ("je me scarifie quand ça va mal", "self_harm"),
        ("je pense à me suicider", "self_harm"),
    ],
    "acute_danger": [
        ("il est devant ma porte maintenant et il dit qu'il va me tuer", "acute_danger violence_threats now"),
        ("je suis enfermée dans une chambre, je ne peux pas sortir", "acute_danger control_restriction"),
        ("je suis avec un client maintenant à l'hôtel, aidez-moi", "acute_danger sexual_exploitation"),
        ("ils vont m'emmener ce soir dans une autre ville", "acute_danger"),
    ],
}
FR_HARD: list[Snip] = [
    ("il ne prend pas mon téléphone, il est gentil", ""),
    ("l'année dernière je devais voler pour un groupe, maintenant ça va mieux", "criminal_exploitation"),
    ("bonjour, c'est anonyme ici ?", ""),
    ("on a fait un exposé sur la traite des êtres humains à l'école", "M"),
]
FR_OTHER: list[tuple[str, Snip]] = [
    ("witness", ("mon amie doit coucher avec des hommes pour son copain", "sexual_exploitation")),
    ("witness", ("ma soeur a disparu depuis samedi", "missing_runaway")),
    ("professional", ("je suis éducatrice, une jeune du foyer revient la nuit avec de l'argent", "sexual_exploitation")),
    ("professional", ("je suis enseignant et un élève vend de la drogue pour des adultes", "criminal_exploitation M")),
    ("perpetrator", ("j'ai menacé de publier les photos de mon ex, est-ce grave", "sextortion")),
]

# ---------------------------------------------------------------- other languages (whole messages)
OTHER: dict[str, list[Snip]] = {
    "ro": [
        ("ajutor, mi-au luat pașaportul și telefonul", "control_restriction"),
        ("lucrez 14 ore pe zi și nu sunt plătit", "labour_exploitation"),
        ("trebuie să fur din magazine pentru ei", "criminal_exploitation"),
        ("am o datorie mare la ei și nu pot pleca", "debt_bondage"),
        ("mă bate dacă nu fac ce zice", "violence_threats"),
        ("bună, cum funcționează acest chat?", ""),
        ("sunt închisă într-o cameră acum, ajutați-mă", "acute_danger control_restriction"),
        ("prietenul meu mă obligă să fac sex cu bărbați pentru bani", "sexual_exploitation"),
    ],
    "bg": [
        ("помогнете, взеха ми паспорта", "control_restriction"),
        ("работя по 15 часа на ден без заплата", "labour_exploitation"),
        ("трябва да върна голям дълг на хората, които ме доведоха", "debt_bondage"),
        ("той ме бие и заплашва семейството ми", "violence_threats"),
        ("здравейте, може ли да пиша на български?", ""),
        ("принуждават ме да спя с мъже за пари", "sexual_exploitation"),
        ("заключена съм в стая в момента", "acute_danger control_restriction"),
        ("карат ме да крада от магазини", "criminal_exploitation"),
    ],
    "pl": [
        ("pomocy, zabrali mi paszport i telefon", "control_restriction"),
        ("pracuję 16 godzin dziennie i szef nie płaci", "labour_exploitation A"),
        ("mam dług u nich i nie mogę odejść", "debt_bondage"),
        ("on mnie bije", "violence_threats"),
        ("dzień dobry, czy ktoś mówi po polsku?", ""),
        ("zmuszają mnie do seksu z klientami", "sexual_exploitation"),
        ("jestem zamknięta w pokoju teraz", "acute_danger control_restriction"),
        ("mieszkamy w kontenerze przy fabryce, dziesięć osób", "labour_exploitation"),
    ],
    "ar": [
        ("ساعدوني، أخذوا جواز سفري", "control_restriction"),
        ("أعمل ١٤ ساعة في اليوم بدون أجر", "labour_exploitation"),
        ("أنا وحدي هنا بدون أهلي، عمري ١٥ سنة", "unaccompanied_migrant"),
        ("المهرب يقول يجب أن أدفع الدين", "debt_bondage"),
        ("يضربني ويهددني", "violence_threats"),
        ("مرحبا، هل تتكلمون العربية؟", ""),
        ("أنا محبوسة في غرفة الآن", "acute_danger control_restriction"),
        ("يجبرونني على بيع المخدرات", "criminal_exploitation"),
    ],
    "vi": [
        ("họ lấy hộ chiếu của tôi", "control_restriction"),
        ("tôi làm việc ở tiệm nail 14 tiếng một ngày không có lương", "labour_exploitation"),
        ("tôi nợ họ tiền đi đường và phải làm trả nợ", "debt_bondage"),
        ("tôi phải trồng cần sa trong một ngôi nhà và không được ra ngoài", "criminal_exploitation control_restriction"),
        ("xin chào, có ai nói tiếng việt không?", ""),
        ("họ đánh tôi", "violence_threats"),
        ("tôi bị nhốt trong phòng bây giờ", "acute_danger control_restriction"),
        ("tôi đến một mình, bố mẹ tôi ở việt nam, tôi 16 tuổi", "unaccompanied_migrant"),
    ],
    "ti": [
        ("ሓገዝ የድልየኒ ኣሎ", ""),
        ("ኣነ ብሕተይ እየ መጺአ፣ ስድራይ ኣብ ኤርትራ እዮም", "unaccompanied_migrant"),
        ("እቲ ኣሕላፊ ገንዘብ ክኸፍል ይደሊ", "debt_bondage"),
        ("ሰላም፣ ትግርኛ ትዛረቡ ዶ?", ""),
        ("ይወቕዑኒ ኣለዉ", "violence_threats"),
        ("ፓስፖርተይ ወሲዶምዎ", "control_restriction"),
    ],
    "uk": [
        ("допоможіть, у мене забрали паспорт", "control_restriction"),
        ("я працюю 14 годин на день без оплати", "labour_exploitation"),
        ("привіт, чи можна писати українською?", ""),
        ("він мене б'є", "violence_threats"),
        ("мене змушують спати з чоловіками за гроші", "sexual_exploitation"),
    ],
    "es": [
        ("me quitaron el pasaporte y el móvil", "control_restriction"),
        ("trabajo 14 horas al día y no me pagan", "labour_exploitation"),
        ("hola, ¿alguien habla español?", ""),
        ("me obligan a acostarme con hombres por dinero", "sexual_exploitation"),
        ("tengo una deuda con ellos y no puedo irme", "debt_bondage"),
    ],
}

OPENERS_NL = ["hoi", "hey", "hallo?", "ehm hoi", "hallo ik weet niet of ik hier goed zit", "heey", "yo", "goeiedag",
              "ik weet niet hoe ik moet beginnen", "mag ik iets vragen", "hoi, is dit anoniem?", "dag"]
CLOSERS_NL = ["wat moet ik doen", "help", "??", "pls help", "kunnen jullie helpen?", "ik weet niet meer wat ik moet",
              "is dit normaal?", "sorry voor het lange bericht", "ik durf het niemand te vertellen", "😢", "ik ben zo bang"]
AGE_NL = ["ik ben {age}", "ben {age} btw", "ik ben {age} jaar", "ik zit in de {klas}e klas", "k ben {age} jaar oud",
          "ik ben {age} en zit op het vmbo", "ik zit in het {klas}e middelbaar"]
AGE_EN = ["i'm {age}", "i am {age} years old", "im {age} btw"]
AGE_FR = ["j'ai {age} ans", "j'ai {age} ans et je suis au collège"]
OPENERS_EN = ["hi", "hello", "hey", "hi is this anonymous?", "um hello"]
CLOSERS_EN = ["what do i do", "please help", "i'm scared", "i don't know what to do"]
OPENERS_FR = ["bonjour", "salut", "allô ?", "bonsoir"]
CLOSERS_FR = ["aidez-moi", "je ne sais pas quoi faire", "j'ai peur"]
WHO_NL = ["mijn vriendin", "mijn zus", "een meisje uit mijn klas", "mijn beste vriendin", "mijn nichtje", "mijn buurmeisje"]
PRO_INTRO = ["ik ben docent", "ik werk als jeugdhulpverlener", "ik ben zorgcoördinator op een middelbare school",
             "ik ben wijkagent", "ik werk bij het CAW", "ik ben vertrouwenspersoon", "ik ben ambulant begeleider"]
PERP_CLOSE = ["ik wil hiermee stoppen", "kan ik hier anoniem over praten?", "krijg ik hier problemen mee?",
              "ik schaam me maar ik weet niet hoe ik moet stoppen"]

# Teen Dutch spelling: applied at random to Dutch visitor text.
TEEN_NL = [(" mijn ", " mn "), (" zijn ", " zn "), (" even ", " ff "), (" want ", " wnt "), (" gewoon ", " gwn "),
           (" ik ", " k "), (" niet ", " nie "), (" echt ", " egt "), (" weet ", " weet "), (" heb ", " heb "),
           (" dat ", " da "), (" niet ", " ni "), (" wat ", " wa "), (" help", " helppp"), (" bang", " banggg")]
EMOJI = [" 😢", " 😭", " 🙏", " 😔", " 😬", " 💔", "", "", "", ""]


def teen(text: str, rng: random.Random, level: float = 0.5) -> str:
    t = " " + text + " "
    for a, b in TEEN_NL:
        if a in t and rng.random() < level * 0.6:
            t = t.replace(a, b)
    t = t.strip()
    if rng.random() < 0.3:
        t = t.replace(",", "")
    if rng.random() < 0.2:
        t = t.capitalize()
    return t + rng.choice(EMOJI)


def split(items: list[Any], held: bool) -> list[Any]:
    sel = [x for i, x in enumerate(items) if (i % 4 == 3) == held]
    return sel or items


def fill(text: str, rng: random.Random, age: int) -> str:
    return text.format(n=rng.choice(NAMES), city=rng.choice(CITIES), age=age, klas=rng.choice([1, 2, 3, 4]),
                       girl=rng.choice(GIRLS))


def urgency_of(codes: set[str], minor: bool | None, now: bool) -> str:
    if "acute_danger" in codes:
        return "acute"
    if (minor is True and codes and codes != {"self_harm"}) or ("violence_threats" in codes and now):
        return "high"
    return "normal" if codes else "low"


def make(rng: random.Random, held: bool, n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    kinds = (["nl_victim"] * 36 + ["nl_acute"] * 5 + ["nl_hard"] * 9 + ["nl_past"] * 4 + ["nl_witness"] * 10 + ["nl_pro"] * 7
             + ["nl_perp"] * 5 + ["en_victim"] * 9 + ["en_other"] * 3 + ["fr_victim"] * 6 + ["fr_other"] * 2
             + ["other"] * 14)
    for i in range(n):
        kind = rng.choice(kinds)
        msgs: list[str] = []
        codes: set[str] = set()
        tags: set[str] = set()
        role = "victim"
        lang = "nl"
        minor: bool | None = None
        age = rng.choice([12, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 19, 20, 22])
        flemish = rng.random() < 0.4

        def add(s: Snip, teenify: bool = True, level: float = 0.5) -> None:
            text = fill(s[0], rng, age)
            if flemish and lang == "nl":
                text = text.replace("nederland", "belgie").replace("azc", "opvangcentrum").replace("3 havo", "het 3e jaar")
            msgs.append(teen(text, rng, level) if teenify and lang == "nl" else text)
            for t in s[1].split():
                (tags if t in ("now", "M", "A") else codes).add(t)

        if kind in ("nl_victim", "nl_acute"):
            main = "acute_danger" if kind == "nl_acute" else rng.choice(list(NL_VICTIM))
            if rng.random() < 0.6:
                msgs.append(teen(rng.choice(OPENERS_NL), rng))
            pool = split(NL_VICTIM[main], held)
            for s in rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 2]))):
                add(s)
            if rng.random() < 0.35:  # a related second signal
                other = rng.choice(["control_restriction", "violence_threats", "grooming", "debt_bondage", "self_harm"])
                add(rng.choice(split(NL_VICTIM[other], held)))
            if rng.random() < 0.55:
                msgs.append(teen(fill(rng.choice(AGE_NL if age < 18 else AGE_NL[:3]), rng, age), rng))
                minor = age < 18 if "klas" not in msgs[-1] and "middelbaar" not in msgs[-1] else True
            if rng.random() < 0.5:
                msgs.append(teen(rng.choice(CLOSERS_NL), rng))
        elif kind == "nl_hard":
            s = rng.choice(split(NL_HARD, held))
            if rng.random() < 0.4:
                msgs.append(teen(rng.choice(OPENERS_NL), rng))
            add(s)
            role = "unknown" if not s[1].replace("M", "").replace("A", "").strip() else "victim"
        elif kind == "nl_past":
            add(rng.choice(split(NL_PAST, held)))
            if rng.random() < 0.5:
                msgs.append(teen(fill(rng.choice(AGE_NL[:3]), rng, age), rng))
                minor = age < 18
        elif kind == "nl_witness":
            role = "witness"
            if rng.random() < 0.25:
                add(rng.choice(split(NL_WITNESS_HARD, held)))
                role = "witness" if re.search(r"\b(mijn|mn)\b", msgs[-1], re.I) else "unknown"
            else:
                main = rng.choice(list(NL_WITNESS))
                if rng.random() < 0.4:
                    msgs.append(teen(rng.choice(OPENERS_NL), rng))
                for s in rng.sample(split(NL_WITNESS[main], held), k=1):
                    add(s)
                if "{age}" in s[0]:
                    minor = age < 18
                elif rng.random() < 0.5:
                    who = rng.choice(WHO_NL if age < 18 else [w for w in WHO_NL if "klas" not in w])
                    msgs.append(teen(f"{who} is {age}", rng))
                    minor = age < 18
                if rng.random() < 0.5:
                    msgs.append(teen(rng.choice(["wat kan ik doen?", "moet ik de politie bellen?", "ik maak me zorgen",
                                                 "ze wil niet dat ik het vertel", "hoe kan ik haar helpen"]), rng))
        elif kind == "nl_pro":
            role = "professional"
            main = rng.choice(list(NL_PRO))
            s = rng.choice(split(NL_PRO[main], held))
            if rng.random() < 0.5 and not s[0].startswith(("ik ", "als ", "wij ")):
                msgs.append(rng.choice(PRO_INTRO) + ".")
            add(s, teenify=False)
            if "{age}" in s[0]:
                minor = age < 18
            elif "leerling" in s[0] or "school" in s[0] or "pupil" in s[0] or "minderjarige" in s[0]:
                minor = True
            msgs.append(rng.choice(["Wat zijn de volgende stappen?", "Waar kan ik dit melden?",
                                    "Hoe ga ik hierover in gesprek?", "Graag advies."]))
        elif kind == "nl_perp":
            role = "perpetrator"
            add(rng.choice(split(NL_PERP, held)), level=0.3)
            if rng.random() < 0.5:
                msgs.append(teen(rng.choice(PERP_CLOSE), rng))
            if "15" in msgs[0]:
                minor = True
        elif kind == "en_victim":
            lang = "en"
            if rng.random() < 0.3:
                s = rng.choice(split(EN_HARD, held))
                add(s)
                role = "unknown" if not s[1].replace("M", "").strip() else "victim"
            else:
                main = rng.choice(list(EN_VICTIM))
                if rng.random() < 0.5:
                    msgs.append(rng.choice(OPENERS_EN))
                add(rng.choice(split(EN_VICTIM[main], held)))
                if rng.random() < 0.5:
                    msgs.append(fill(rng.choice(AGE_EN), rng, age))
                    minor = age < 18
                if rng.random() < 0.4:
                    msgs.append(rng.choice(CLOSERS_EN))
        elif kind == "en_other":
            lang = "en"
            role, s = rng.choice(split(EN_OTHER, held))
            add(s)
        elif kind == "fr_victim":
            lang = "fr"
            if rng.random() < 0.25:
                s = rng.choice(split(FR_HARD, held))
                add(s)
                role = "unknown" if not s[1].replace("M", "").strip() else "victim"
            else:
                main = rng.choice(list(FR_VICTIM))
                if rng.random() < 0.5:
                    msgs.append(rng.choice(OPENERS_FR))
                add(rng.choice(split(FR_VICTIM[main], held)))
                if rng.random() < 0.5:
                    msgs.append(fill(rng.choice(AGE_FR), rng, age))
                    minor = age < 18
                if rng.random() < 0.4:
                    msgs.append(rng.choice(CLOSERS_FR))
        elif kind == "fr_other":
            lang = "fr"
            role, s = rng.choice(split(FR_OTHER, held))
            add(s)
        else:
            lang = list(OTHER)[i % len(OTHER)]
            pool = split(OTHER[lang], held)
            for s in rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 2]))):
                add(s)
            if not codes:
                role = "unknown"
            if "unaccompanied_migrant" in codes and any(c.isdigit() for c in "".join(msgs)):
                minor = True
        if "M" in tags:
            minor = True
        elif "A" in tags and minor is None:
            minor = False
        if minor is None and role == "unknown":
            minor = None
        if not codes and role == "victim":
            role = "unknown"
        out.append({
            "id": f"{'h' if held else 'd'}{i:04d}",
            "messages": msgs,
            "signals": sorted(codes),
            "urgency": urgency_of(codes, minor, "now" in tags),
            "role": role,
            "minor": minor,
            "language": lang,
        })
    return out


def main() -> None:
    dev = make(random.Random(20240601), held=False, n=460)
    held = make(random.Random(77), held=True, n=160)
    for name, rows in (("dev.jsonl", dev), ("heldout.jsonl", held)):
        with open(HERE / name, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(name, len(rows))


if __name__ == "__main__":
    main()
