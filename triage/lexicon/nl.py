"""Dutch (NL and Flemish, incl. teen writing and straattaal)."""

from __future__ import annotations

from triage.lexicon import LanguageLexicon, parse_canon

CANON = parse_canon("""
# abbreviations and teen / Flemish spelling
mijn: mn m'n mijne mijnen mien mjn mine
zijn: zn z'n zen
ik: k kik ikke
even: ff efkes effe
want: wnt
niet: nie ni nt nit
gewoon: gwn gewn
dat: da dt
wat: wa wt
je: ge gij jij
jou: u
hem: em m
maar: mr maa
echt: egt echt echtt
waarom: wrm
misschien: mss miss
niks: nx nks niets
een: ne nen
het: t 't
weet: weeet
alsjeblieft: aub pls plz please alstublieft
hoor: hor
nu: nuu
vanavond: vnv vanvond vanaaf
# people
vriend: vriendje bf boyfriend lover vent scharrel vriendjee
vriendin: vriendinnetje bff bestie vriendinne
maat: mattie matties maten maatje bro
jongen: drerrie jongens gast gasten boy boys
meisje: meid meiden meisjes tanga chick
man: mannen kerel kerels mannetjes
oom: nonkel ome
tante: tantes
neef: neefje neven
broer: broertje broers
zus: zusje zussen zuster
dochter: dochtertje
zoon: zoontje
moeder: mama mams mam moeke
vader: papa paps pap
stiefvader: stiefpa
ouders: ouder
familie: fam
baas: bazin werkgever chef
klant: klanten klantje klantjes
pooier: pooiers souteneur
loverboy: loverboys tienerpooier tienerpooiers lovergirl
politie: popo pliesie flikken police
smokkelaar: smokkelaars mensensmokkelaar smokkel
# things
telefoon: tel fone foon gsm mobiel mobieltje telefoontje phone telefoons telefon telfoon
paspoort: id idkaart identiteitskaart identiteitsbewijs verblijfsvergunning verblijfspas passport paspoorten
papieren: documenten papiere
bankpas: pinpas pinpasje betaalpas bankkaart bankpasje debitcard
rekening: bankrekening bankrekeningnummer
geld: doekoe doeko doekoes poen cash knaken money centen flappen pegels mula
auto: waggie wagen bmw audi mercedes merc
huis: osso ossoo woning flat
hotel: airbnb motel hotelkamer hotels
appartement: appartementje appartementen
naaktfoto: naakt naaktfotos nudes nude naaktbeelden naaktfilmpje naaktfilmpjes naaktvideo dickpic naaktfotootje pikante sexy
foto: fotos pics pic filmpje filmpjes video videos vid beelden plaatjes
drugs: drug wiet coke cocaine hasj xtc dope spul zakjes zakje bolletjes bolletje
pakket: pakketje pakketjes pakketten pakje pakjes tasje tasjes
pillen: pil medicijnen paracetamol slaappillen
schuld: schulden
cadeau: cadeaus cadeautjes cadeautje kado kadootjes kados
locatie: snapmap lokatie
# verbs (forms that keep the tense are read from the raw text, not from these)
moeten: moet moest moesten moete
slaan: slaat sla sloeg sloegen geslagen slaagt slaatie klappen klap schoppen schopt geschopt trappen trapt getrapt stompen stompt gestompt mishandelt mishandeld mishandelen duwt duwen geduwd knijpt wurgt slaag
dreigen: dreigt dreigde dreigden gedreigd bedreigt bedreigd bedreigen bedreiging dreiging
chanteren: chanteert chanteerde gechanteerd chantage afpersen afgeperst perst
verkrachten: verkracht verkrachting aangerand aanranding misbruikt misbruik
vermoorden: vermoord doodmaken afmaken kapotmaken
verspreiden: verspreid verspreidt lekken lekt gelekt posten post gepost online delen deelt deel gedeeld doorsturen doorgestuurd rondsturen rondgestuurd
weglopen: weggelopen wegloop gevlucht vluchten ontsnapt weggegaan wegggelopen
slapen: slaap slaapt sliep sliepen geslapen
seks: sex neuken neukt geneukt seksen
dwingen: dwingt dwong gedwongen verplicht forceert
werken: werk werkt werkte werkten gewerkt
stelen: steel steelt stal gestolen jatten jat inbreken inbraak
lenen: leen leent uitlenen uitgeleend geleend leende
brengen: breng brengt bracht gebracht wegbrengen rondbrengen bezorgen bezorg afleveren droppen
runnen: runner runners drugsrunner koerier koeriers run
dealen: deal dealt dealde gedeald
terugbetalen: terugbetaald afbetalen afbetaald terugverdienen terugbetaalt aflossen
afpakken: afgepakt afpakt afpak afpakte afgenomen
opgesloten: opsluiten opgesloten sluit
snijden: snij snijd snijdt kras krassen krast gesneden
zelfmoord: suicide zelfdoding suïcide
""")

CUES = """
grooming 0.45: tienerpooier
grooming 0.45: loverboy
grooming 0.6: cadeau ; koopt alles ; koopt * voor mij|me ; geeft mij|me * geld ; geeft me * cadeau
grooming 0.45: nikes|iphone|gucci|tas|nagels|kleren ; prinses
grooming 0.6: enige die * begrijpt
grooming 0.6: veel ouder ; vriend van 19|20|21|22|23|24|25|26|27|28|29|30|35|40
grooming 0.45: oudere jongen|man|vriend
grooming 0.6: haalt me|mij op ; ophalen met * auto
# an age alone ("mijn broer is 19 en ...") is right in a minority of the conversations it fires in (B8-B12)
grooming 0.45: is 19|20|21|22|23|24|25|26|27|28|29|30 en
grooming 0.55: niet aan * ouders * vertellen ; niks aan * ouders ; mag * niet vertellen over ons ; houdt van me
grooming 0.5: ouders * niet snappen|begrijpen ; vriendinnen * jaloers ; wiet|drank * geeft|gaf ; geeft * drank|wiet
grooming 0.55: samen gaan wonen ; iets terug * doen ; jouw vrouw ; zijn vrouw ben ; via snap|insta|tiktok * ouder
grooming 0.6: anders is het uit ; omdat hij geld nodig heeft ; schuld * voor de kleren ; betaalt alles ; ziet ons niet meer ; wil niet dat ik * vriendinnen
grooming 0.45: alleen met hem ; geld nodig
grooming 0.5: snap|insta|tiktok * 19|20|21|22|23|24|25|26 ; feestjes * oudere

sexual_exploitation 0.9: klant ; pooier ; prostitutie ; escort ; seks voor geld ; seks * geld ; slapen * voor geld
sexual_exploitation 0.85: met mannen slapen ; met * mannen * slapen ; met zijn vrienden * slapen
sexual_exploitation 0.45: slapen met * mannen
sexual_exploitation 0.8: met mannen mee ; naar mannen gebracht ; mannen * betalen ; betalen voor seks ; advertentie|advertenties * online ; advertenties van mij|me
sexual_exploitation 0.8: profiel * escortsite|sekssite ; dates voor hem ; per nacht binnen ; per avond * geld|binnen ; hotel * mannen ; mannen * hotel
sexual_exploitation 0.85: werken voor hem * mannen ; moet werken * mannen ; werken met mannen ; met ze naar boven ; seks met * mannen ; andere mannen
sexual_exploitation 0.8: voor hem werken ; voor hem * werken ; moet werken voor ; tippelen ; raamprostitutie
sexual_exploitation 0.45: werken voor hem
sexual_exploitation 0.75: mannen komen ; komen * mannen ; fotos van mij aan mannen ; foto * verkopen ; verkoopt * foto ; met mannen ; brengt * mannen ; mannen mee naar huis
sexual_exploitation 0.8: naar bed ; seks hebben met ; moet * seks ; sekssite ; op * site|sites|website * gezet ; verkoopt me|mij ; verkocht aan ; verkopen aan * mannen ; voor geld * slapen|seks|neuken|bed ; escort ; sugardaddy ; sugar daddy ; cammen ; seksdates ; afspraakjes met mannen ; met mannen afspreken ; mannen ontvangen ; vrienden * slapen|seks|bed ; mannen * geld * slapen|seks
sexual_exploitation 0.6: hotelkaart ; naar hotels ; nachts * met geld ; terug met geld ; naar die|de mannen ; moet * naar * mannen
sexual_exploitation 0.8: laat haar * geld verdienen ; haar geld laten verdienen ; naar een hotel gebracht ; geen * euro per nacht|avond
sexual_exploitation 0.4: hotel
# sideways (B8-B12 study): "lief zijn voor zijn vriend", "gezellig doen met hun vrienden", window work, a paid account
sexual_exploitation 0.8: lief zijn voor zijn vriend|vrienden|maten|neef ; lief * voor zijn vriend|vrienden|maten|neef ; lief zijn tegen zijn vriend|vrienden|maten ; aardig zijn tegen|voor zijn|hun vriend|vrienden|maten ; gezellig doen met * vrienden|mannen|maten ; achter het raam ; achter de ramen ; raamwerk ; betaald account ; per meisje ; meisjes * voorstellen * euro ; camstudio ; cammodel ; cam model ; in de club van ; in een club werken ; werken in * club
sexual_exploitation 0.6: de hele tijd mannen ; elke avond * mannen ; per avond * mannen ; steeds andere mannen ; steeds andere vrouwen ; haalt * geld op

sextortion 0.9: chanteren ; sextortion
sextortion 0.9: naaktfoto * verspreiden ; naaktfoto * sturen|stuurt|stuur ; naaktfoto * online ; naaktfoto * iedereen ; naaktfoto * ouders
sextortion 0.85: naaktfoto * als ; foto * zonder kleren ; gefilmd * online ; foto * online * als ; filmpje * online ; foto * klassengroep
sextortion 0.8: foto * verspreiden ; foto * naar * ouders ; video * naar * ouders ; foto * iedereen * als ; dreigen * foto ; dreigen * naaktfoto ; lekken * foto
sextortion 0.85: naaktfoto ** betaal|betalen|geld|euro ; naaktfoto ** verspreiden ; verspreiden ** naaktfoto
sextortion 0.5: naaktfoto ; gefilmd
# the common forms of sextortion (boys too: a "girl" on a video call, money or the video goes to the followers)
sextortion 0.85: video * naar * vrienden|volgers|klas|familie|ouders ; filmpje * naar * vrienden|volgers|klas|ouders|familie ; opgenomen * videocall|facetime|cam ; screenshot * videocall|facetime ; uitgekleed * videocall|facetime|cam ; al mijn volgers ; mijn volgerslijst ; anders post * foto|video|filmpje|nudes ; anders stuurt * foto|video|filmpje|nudes ; anders deelt * foto|video|filmpje|nudes ; dreigt * te posten|delen|sturen ; naaktvideo ; naaktbeelden ; nudes * anders ; nudes * doorsturen|delen|posten ; meer foto * anders
sextortion 0.45: nudes ; naakt filmpje

criminal_exploitation 0.9: geldezel ; geldezels ; drugsrunner ; runnen ; dealen ; pakket * brengen ; brengen * pakket ; pakket * drugs
criminal_exploitation 0.85: bankpas * lenen ; lenen * bankpas ; bankpas * gegeven ; bankpas uitlenen ; rekening * lenen ; lenen * rekening ; rekening * geld * niet van mij
criminal_exploitation 0.85: drugs * brengen ; brengen * drugs ; drugs * verkopen ; verkopen * drugs ; drugs * lopen ; drugs gelopen ; drugs * rondbrengen ; drugs * meenemen ; bolletjes
criminal_exploitation 0.8: stelen ; moet * stelen ; laten * stelen ; inbreken ; telefoonabonnement ; abonnement op mijn naam ; lening op mijn naam ; op mijn naam * afgesloten
criminal_exploitation 0.8: voor dealers ; voor * dealers ; rekening * gebruiken|gebruikt ; gebruiken|gebruikt mijn rekening ; geld over te maken ; geld * overmaken ; vervoeren ; smokkelen ; drugs * verstoppen ; voor ze dealen ; op school * verkopen ; drugs * op school ; pakket kwijt ; pakket * kwijtgeraakt ; drugs kwijt
criminal_exploitation 0.75: waggie|auto vol ; geen vragen stellen ; zakjes rondbrengen
criminal_exploitation 0.45: drugs ; pakket ; wegbrengen ; koerier

labour_exploitation 0.85: geen loon ; zonder loon ; zonder * loon ; niet betaald ; nooit betaald ; betaalt bijna niks ; bijna niks betaald ; krijg * niks betaald
labour_exploitation 0.85: uur per dag ; uren per dag ; uur * dag * werken ; 12|13|14|15|16|17|18 uur ; van 6 tot 10 ; 7 dagen per week ; elke dag * ook zondag ; werken * 7 dagen
labour_exploitation 0.8: betaalt me niet ; betaalt niet ; slaap|slapen op het werk ; krijg * geen geld ; nooit vrij ; geen vrije dag ; geen pauze ; maar * euro per uur ; onderbetaald ; zwart werken ; werkgever houdt ; loon * inhouden|ingehouden
labour_exploitation 0.4: per week * euro ; euro per week
labour_exploitation 0.8: laten werken * zaak|winkel|restaurant ; arbeiders * bij mij wonen ; na school * werken ; 1|2|3|4 euro per uur ; zonder contract ; zonder helm
labour_exploitation 0.45: geen contract
labour_exploitation 0.75: slaap in de keuken ; slapen * werk ; wonen * boven ; wonen met * in een kamer ; met 10|11|12|13|14|15 man ; woont in een container ; kamer boven
labour_exploitation 0.35: nagelsalon|nagelstudio|kas|bouwplaats|car wash|carwash|autowasstraat|restaurant|fabriek|schoonmaken|keuken
labour_exploitation 0.85: krijg nooit betaald ; volgende maand * betalen
labour_exploitation 0.55: elke dag * werken ; krijg niks ; krijg ik niks ; de hele dag * werken ; hele dag schoonmaken ; loon naar * huur ; tot middernacht

debt_bondage 0.9: terugbetalen ; schuld * terugbetalen ; schuld * werken ; in de schuld ; schuld bij ; schuld * betalen ; afbetalen ; afgelost
debt_bondage 0.8: in het krijt ; moet * terugbetalen|terugverdienen|afbetalen ; moet nog * betalen ; schuld ; boetes ; moet nog * euro ; nog 1000|1500|2000|3000|5000|8000|10000 euro ; euro * voor de reis ; reis * terugbetalen ; kosten van de reis
debt_bondage 0.45: boete
debt_bondage 0.6: zoveel voor me * gekocht ; voor het eten en slapen ; loon naar de huur ; kwijtgeraakt * terugbetalen ; moet betalen of
debt_bondage 0.45: iets terug * doen

control_restriction 0.9: pakt|pak|pakken|pakte|nemen|neemt|nam|genomen|afgenomen * telefoon|paspoort|bankpas * af ; heeft|had|hebben|hadden|houdt|houden mijn telefoon|paspoort|bankpas ; telefoon en paspoort ; id-kaart|identiteitskaart * kluis ; id-kaart|identiteitskaart * bij hem|haar ; zie * niemand meer ; afpakken * telefoon ; telefoon * afpakken ; telefoon afgepakt ; afpakken * paspoort ; paspoort * afpakken ; paspoort * ingenomen ; paspoort * bij hem|haar|hun|ze|baas ; paspoort * kluis
control_restriction 0.85: mag niemand bellen ; mag niet * naar buiten ; mag niet alleen ; nooit alleen ; altijd iemand bij me ; mag * niemand * zien ; mag niet * weg ; mag niemand ; zie niemand meer ; niemand meer zien
control_restriction 0.85: checkt * locatie ; locatie * delen ; locatie * checken ; volgt * locatie ; locatie * volgen ; app op * telefoon ; lezen * berichten ; leest * berichten ; berichten mee
control_restriction 0.85: weet niet * adres ; weet niet waar ik ben|woon ; bankpas * houden|houdt|hou ; houden|houdt|hou * bankpas ; afpakken * bankpas ; bankpas * afpakken ; geld * afpakken ; houden|houdt|hou * geld ; houdt al het geld
control_restriction 0.8: elk uur * foto * waar ; op slot ; opgesloten ; bepaalt * wie ik ; bepaalt wat ik ; met wie ik praat ; paspoort niet meer ; heeft * paspoort ; hebben * paspoort ; ingenomen
control_restriction 0.8: met niemand * afspreken ; niet * met * vriendinnen * afspreken ; alleen met hem ; niet meer naar buiten ; naar buiten * niet ; houden|houdt|hou * paspoort ; paspoort houden
control_restriction 0.85: pakt|pakken|neemt|nemen * geld * af ; pakt al mijn geld ; mag niet buiten ; mag niet alleen buiten ; mag nergens heen ; nergens heen zonder ; volgt me ; volgt * overal ; find my iphone ; tracker ; gps ; life360 ; volgen via ; houdt me binnen ; laat me niet gaan|weg ; mag niet naar huis ; sluit me op
control_restriction 0.4: locatie ; wachtwoord
control_restriction 0.3: mag niet
# said sideways (B8-B12 study)
control_restriction 0.8: mag * niet meer met * afspreken ; mag van hem niet ; gsm afgeven ; telefoon afgeven ; gaat * gsm pakken ; gaat * telefoon pakken ; gaat altijd iemand mee ; heeft mijn pinpas ; heeft * pas en * code ; beslist alles ; besliste alles ; antwoordt * van haar telefoon ; antwoordt met haar telefoon

violence_threats 0.9: slaan ; verkrachten ; vermoorden ; mes ; pistool ; blauwe plekken ; in elkaar ; keel dicht ; tegen de muur
violence_threats 0.85: dreigen ; iets aan * doen ; iets aandoet ; in de fik ; opwachten ; op te wachten ; doodmaken ; kapotmaken ; maak * kapot ; pijn doen ; pijn doet ; neerschieten ; neersteken
violence_threats 0.8: mishandeling ; vechten ; in mekaar ; gaat * pakken ; me pakken
violence_threats 0.45: geweld
violence_threats 0.8: weet waar * woont ; weet waar * woon ; weten waar * woont ; weten waar * woon ; weten waar * wonen ; kennen * adres ; ken * adres ; dan ben ik dood ; voor de deur stonden ; stonden * voor de deur ; gaan me vinden ; vinden me wel ; geduwd ; duwde me ; klap gegeven ; klappen gekregen

missing_runaway 0.9: weggelopen ; weglopen ; vermist ; gevlucht ; ontsnapt ; weg van huis ; weg uit ; van huis weg ; niet thuis geweest ; niet meer naar huis
missing_runaway 0.85: slaap * bij iemand ; slaap * op verschillende plekken ; verschillende plekken ; geen plek om te slapen ; slaap buiten ; bij onbekenden ; bij vreemden ; sinds * weg ; al * dagen weg
missing_runaway 0.45: op straat
missing_runaway 0.6: slaap bij * vrienden ; weet niet waar ik * slapen ; zoeken me ; zoeken mij ; neemt * telefoon niet op
missing_runaway 0.85: kraakpand ; slaap * buiten ; slaap bij * man ; niet meer thuis ; loopt * weg ; eruit gegooid ; uit huis gezet ; op straat gezet ; geen slaapplek ; slaapt niet thuis ; nachten weg ; dagen weg

unaccompanied_migrant 0.9: azc ; nbmv ; amv ; alleenstaande minderjarige ; zonder ouders ; zonder mijn ouders ; zonder familie ; zonder mijn familie ; geen familie hier ; alleen gekomen ; alleen naar nederland|belgie ; kwam alleen ; alleen gevlucht
unaccompanied_migrant 0.45: smokkelaar
unaccompanied_migrant 0.85: fedasil ; asielzoekerscentrum ; opvangcentrum ; asiel ; vreemdeling ; zonder papieren ; mijn voogd ; voogd
unaccompanied_migrant 0.45: geen papieren
unaccompanied_migrant 0.7: eritrea|afghanistan|syrie|somalie|marokko|guinee|vietnam * ouders ; ouders * eritrea|afghanistan|syrie|somalie|marokko|guinee|vietnam ; familie * eritrea|afghanistan|syrie ; alleen * hier

family_perpetrator 0.9: vader|moeder|ouders|oom|tante|familie|broer ** moet * trouwen ; uithuwelijken ; uitgehuwelijkt ; ouders * verkopen ; moeder * verkoopt ; vader * verkoopt ; familie wil * trouwen ; trouwen * schuld ; familie * dat doet
family_perpetrator 0.85: ouders willen dat ik trouw ; willen dat ik trouw ; wille dat ich trouw ; moet trouwen met ; laten me trouwen

self_harm 0.9: zelfmoord ; niet meer leven ; wil dood ; wil * dood ; snijden mezelf ; snijden in ; snijden * arm|armen|benen ; mezelf snijden ; mezelf pijn ; doe mezelf ; eind aan maken ; een eind aan ; niet meer wakker worden ; krassen
self_harm 0.85: zichzelf iets aandoet|aandoen ; mezelf iets aandoen|aandoe ; springen ; voor de trein ; pillen * nemen ; alle pillen ; pillen verzameld ; beter af zonder mij ; zie het niet meer zitten ; geen zin meer ; wat heeft het * voor zin ; mezelf iets aan ; zichzelf iets aan ; zichzelf * pijn

acute_danger 0.9: staat nu voor ; staat voor de deur ; staan voor de deur ; zit opgesloten ; zit * opgesloten ; ben opgesloten ; deur op slot gedaan|gedraaid ; hebben de deur op slot ; kan niet weg ; kan hier niet weg ; kom niet weg
# told in the past: the cue is found so that its tense drops it, and the model may not call it acute on its own
acute_danger 0.9: zat opgesloten ; zat * opgesloten ; was opgesloten ; werd opgesloten ; werd * opgesloten
acute_danger 0.9: nu bij een klant ; ben nu bij ; nu in een hotel ; nu in * hotel ; komt me * halen ; komt me halen ; komt mij halen ; over * min ; over 5|10|15|20|30 minuten ; vanavond naar ; vannacht naar ; brengen me vanavond ; brengen me vannacht
acute_danger 0.45: zit nu bij
acute_danger 0.9: brengen me * naar ; naar een ander land ; zit in zijn auto ; rijdt me ; slaat me nu ; slaan nu ; nu mannen ; zijn nu mannen ; mannen in het huis ; ga springen ; sta op het dak ; vannacht * nemen ; ga ze * nemen ; nu een mes
acute_danger 0.85: wacht * op me ; op me te wachten ; zit buiten ; staat buiten ; vanavond|vannacht * verkocht|verkopen ; vannacht|vanavond|nu|straks * zelfmoord|springen|dood ; ga vannacht|vanavond * zelfmoord ; heb de pillen hier ; vreemde man ; ben nu bij hem ; nu bij hem ; komt me zo halen ; komt zo
acute_danger 0.85: hier beneden ; beneden te wachten ; vannacht moet werken ; vanavond moet werken ; weet niet waar ik ben ; verstopt ; telefoon is bijna leeg ; help me nu ; nu naar * hotel ; nu opgesloten

# Present-tense danger said without alarm words: someone here or coming, locked in or hiding, being driven
# somewhere, typing in secret, a weapon, a client coming, a goodbye; also for a friend or sister.
acute_danger 0.9: staat beneden ; staan beneden ; is beneden ; zit beneden ; wacht beneden ; wachten beneden ; staat voor het huis ; staan voor het huis ; auto voor de deur ; bonkt op de deur ; bonken op de deur ; bonzen op de deur ; trapt tegen de deur ; komt eraan ; komen eraan ; komt zo terug ; komen zo terug ; komt straks terug ; komt zo binnen ; is onderweg naar ; zijn onderweg naar ; komt me ophalen ; komen me ophalen ; komen me halen ; haalt me zo op
acute_danger 0.9: zit op de wc ; zit in de wc ; zit op het toilet ; zit in de badkamer ; zit in de kast ; zit op slot ; heb me opgesloten ; ik heb de deur op slot ; deur zit op slot ; deur is op slot ; laat me niet gaan ; laat me er niet uit ; laat haar niet gaan ; laat haar niet uit ; laat hem niet gaan ; mag hier niet weg ; kan er niet uit ; kom er niet uit ; laten me niet gaan
acute_danger 0.9: rijden me ; rijden nu ; rijden ons ; brengen me nu ; brengen ons ; zit in zijn auto ; zit in hun auto ; zitten in de auto ; zitten in een auto ; zit in een busje ; in een busje ; weet niet waar we heen ; weet niet waar we zijn ; weet niet waar ze me ; weet de straat niet ; weet het adres niet ; weet niet welke straat
acute_danger 0.9: typ op zijn ; typ op haar ; typ op de telefoon van ; typ op de laptop ; typ op de tablet ; typ stiekem ; stiekem op zijn ; niet terugschrijven ; niet terug appen ; niet terugappen ; niet terugsturen ; niet terugbellen ; als hij dit ziet ; als ze dit zien ; als hij ziet dat ; hij slaapt nu ; hij slaapt even
acute_danger 0.9: mes gepakt ; mes getrokken ; pakt een mes ; met een mes achter ; klant komt ; klanten komen ; een man komt ; er komt een man ; er komen mannen ; moet zo naar een klant ; moet zo met
acute_danger 0.9: laatste bericht ; sta op de brug ; staat op de brug ; op de brug ; op het dak ; op het spoor ; bij het spoor ; van de brug ; pillen liggen ; heb de pillen ; alle pillen ; pillen klaar ; pillen al ; het is beter zo ; springt vannacht ; springt vanavond ; gaat springen ; wil springen ; zeg tegen * dat ik van * hou
acute_danger 0.9: live locatie ; livelocatie ; live location ; deelt * locatie ; stuurde * locatie ; stuurt * locatie ; haar locatie staat
acute_danger 0.45: locatie gedeeld
acute_danger 0.9: hij is er bijna ; hij is er zo ; ze zijn er bijna ; ze zijn er zo ; hoor zijn auto ; hoor hem op de trap ; hoor ze op de trap ; hoor ze aan de deur
acute_danger 0.9: kom me halen ; kom mij halen ; kom me alsjeblieft halen ; kom me ophalen ; sleurt me ; sleurt mij ; sleepte me ; de auto in getrokken ; in een auto getrokken ; de auto in geduwd ; rijden met me rond ; rijdt met me rond ; doodrijdt ; doodrijden ; moet nu mee ; moet seffens mee ; moet zo mee ; nu mee moet ; is ingestapt ; net ingestapt
acute_danger 0.9: heb het touw ; een touw ; afscheidsbrief ; brief voor mijn ; alles klaargezet ; alles klaargelegd ; ik ga vannacht ; vannacht ga ik ; vandaag ga ik het doen ; buitenkant van het ; op de rand van ; treinspoor ; sorry mama ; sorry mam ; zeg tegen * dat het niet * schuld ; wil haar meenemen ; wil hem meenemen ; wil me meenemen ; staat nu aan de ; staat nu bij de ; staat nu op de ; zit nu in de wachtkamer
acute_danger 0.45: sorry voor alles ; vaarwel ; heeft een mes ; hebben een mes ; met een mes ; pistool ; vuurwapen ; zoeken me ; zoeken mij ; fluisterde ; gefluisterd ; ingehaakt ; opgehangen ; zo afgepakt ; ik ga dit wissen ; in de auto ; in een auto ; net ; meteen ; bedankt voor alles ; neemt niet op ; reageert niet meer ; batterij ; bijna leeg ; zo meteen ; nu meteen ; help snel ; snel ; mag niet weg ; deur ; mes ; wapen ; onderweg
acute_danger 0.9: zijn beneden ; bellen aan ; doe niet open ; brieven liggen ; afscheidsbrieven ; briefjes liggen klaar
acute_danger 0.45: alles geregeld ; bedankt om er * te zijn ; de pillen ook
self_harm 0.85: enige uitweg ; er niet meer zijn ; wil niet meer wakker ; iedereen is beter af ; beter af zonder ; wil verdwijnen ; mezelf iets aandoen ; pijn doen aan mezelf ; geef mijn spullen weg ; mag mijn * hebben ; afscheid nemen ; laatste bericht ; sorry voor alles ; vaarwel ; van de brug ; op het spoor ; niet meer verder ; het hoeft niet meer ; ik ga ervan door ; ik kap ermee
self_harm 0.45: wil niet meer
self_harm 0.45: kan niet meer ; trek het niet meer ; zin in niks ; het is beter zo
# said sideways (B8-B12 study)
self_harm 0.85: snijwonden ; snijd mezelf ; weer gesneden ; koord * kast ; koord ligt klaar ; touw ligt klaar ; zeg tegen * dat het niet * schuld ; niet * haar schuld is ; wil gewoon slapen en niet meer
acute_danger 0.9: koord * kast ; koord ligt klaar ; touw ligt klaar

@benign 1: schuld bij duo ; studieschuld ; gewoon loon ; best chill ; is gewoon lief ; echt lief ; doet normaal ; lijkt me oke
@benign 1: slaat nergens op ; slaat toch nergens op ; vechten voor mijn ; vechten voor een ; vechten voor m'n
@hypo 1: verhaal op wattpad ; schrijf een verhaal ; kortverhaal ; fictie ; een boek over ; liedje ; songtekst ; clip van ; rapper die ; voor een debat ; stelling ; spreekbeurt ; werkstuk ; profielwerkstuk ; les over ; les gehad ; docu ; documentaire ; podcast ; film ; serie ; artikel ; wat is een ; hoe herken je ; bestaat dat ; grapje ; geintje ; als grap ; voor een opdracht ; voor school een ; vraag het voor ; gewoon info ; alleen info ; stel dat ; wat als
@recovered 1: gaat het goed ; gaat nu goed ; ben eruit ; ben ik eruit ; ben veilig ; ben ik veilig ; is voorbij ; het is voorbij ; woon ik weer ; nu woon ik ; niet meer gezien ; al een jaar niet ; gaat beter ; nu gaat het
@now 1: nu ; op dit moment ; momenteel ; vanavond ; vannacht ; straks ; zometeen ; nu meteen

@witness 1: mijn vriendin ; mijn zus ; mijn dochter ; mijn zoon ; mijn broer ; mijn nichtje ; mijn buurmeisje ; mijn buurman ; mijn buurvrouw ; een meisje uit ; een jongen uit ; een meisje in ; meisje van mijn ; haar vriend ; haar vriendje ; haar baas ; ik denk dat mijn ; ik zie kinderen ; maak me zorgen om ; maak me zorgen ; hoe kan ik haar ; hoe kan ik hem helpen ; mijn beste vriendin ; mijn nicht ; kinderen die ; in het huis naast ; jonge meisjes ; werken jonge
@professional 1: jongerenwerker ; jeugdwerker ; straathoekwerker ; leerkracht ; ik ben juf ; ik ben agent ; politieagent ; jeugdagent ; huisarts ; verpleegkundige ; psycholoog ; gezinscoach ; schoolmaatschappelijk werker ; ik ben pleegouder ; mijn pupil ; een jongere die ik begeleid ; jongere die ik begeleid ; ik ben docent ; ik ben leraar ; ik ben lerares ; ik ben mentor ; mentor op ; als docent ; als leraar ; als mentor ; jeugdhulpverlener ; hulpverlener ; maatschappelijk werker ; wijkagent ; zorgcoordinator ; vertrouwenspersoon ; begeleider ; ik ben voogd ; leerling van ; een leerling ; mijn leerling ; een client ; client van mij ; cliënt ; clienten ; pupil ; bewoonster ; bewoner ; casus ; leefgroep ; wij vermoeden ; als school ; hoe melden ; melden wij ; waar kan ik dit melden ; volgende stappen ; graag advies ; in ons azc ; ik werk als ; ik werk in een leefgroep ; CAW ; docent
@perpetrator 1: ik heb * gedwongen ; ik dwing ; ik heb haar * laten ; ik heb hem * laten ; voor mij werkt ; voor mij werken ; ik laat ; laat * voor me ; voor me wegbrengen ; ik heb * geslagen ; ik heb gedreigd ; heb gezegd dat ik ze deel ; ik ze deel ; ik pak * haar telefoon ; pak soms haar ; is dat strafbaar ; strafbaar ; krijg ik problemen ; problemen mee ; ik wil hiermee stoppen ; hoe ik moet stoppen ; zelf een loverboy ; ik geef haar ; ik hou hun ; arbeiders in dienst ; bang dat ik het weer doe ; ik ga te ver ; ik heb een meisje dat ; heb een jongen * gevraagd ; ik heb arbeiders ; bang voor me zijn
@family 1: moeder|vader|ouders|oom|tante|stiefvader|broer|neef|nonkel|stiefmoeder|opa * dwingt|dwingen|laat|laten|verkoopt|verkopen|stuurt|sturen|regelt|brengt ; oom laat ; oom * laat ; vader zegt ; vader laat ; moeder verkoopt ; moeder laat ; ouders sturen ; ouders laten ; stiefvader brengt ; stiefvader laat ; broer laat ; tante heeft ; tante laat ; familie wil ; ouders ** laten ; neef laat ; mijn oom ; mijn stiefvader ; mijn ouders sturen ; mijn moeder verkoopt
# relatives who keep, take, decide (B8-B12 study): aunts, cousins and brothers as often as parents
@family 1: tante|oom|neef|nicht|broer|nonkel|stiefvader|stiefmoeder|oma|opa * heeft|hebben|houdt|houden|pakt|pakken|neemt|nemen|zegt|zei|wil|willen|geeft|gaf ; bij mijn tante|oom|neef * werken|werk ; restaurant|winkel|zaak|salon van mijn tante|oom|neef|vader|moeder
@minor 1: school ; klas ; brugklas ; havo ; vwo ; vmbo ; mbo ; middelbaar ; middelbare ; leerling ; mentor ; jeugdzorg ; leefgroep ; voogd ; minderjarig ; minderjarige ; nbmv ; amv ; pupil ; mijn ouders ; mn ouders ; aan mijn ouders ; mijn moeder weet ; 18 ben ; als ik 18 ben ; dochter ; werkstuk ; spreekbeurt ; les over ; bij mijn moeder|vader|ouders ; mijn stiefvader ; instelling ; jeugdinstelling ; klassengroep
@adult 1: bouwplaats ; contract ; buurman ; duo ; mijn vrouw heeft ; mijn kinderen ; arbeiders ; kas
"""

NEGATIONS = frozenset({"niet", "nooit", "geen", "niks", "niemand", "nergens", "nee", "neen", "nie"})
PAST = frozenset({"vorig", "vorige", "vroeger", "toen", "geleden", "destijds", "was", "waren", "moest", "moesten",
                  "zat", "zaten", "werd", "werden", "had", "hadden", "sloeg", "ging", "kwam", "deed", "vorig jaar"})
CLAUSE_BREAKS = frozenset({",", ".", "!", "?", ";", ":", "maar", "als", "want", "omdat", "terwijl", "toch", "...",
                           "\n", "en dan", "anders", "dus"})
FIRST = frozenset({"ik", "me", "mij", "mezelf", "mijn"})
THIRD = frozenset({"ze", "zij", "haar", "hij", "hem", "zijn"})

LEXICON = LanguageLexicon("nl", CANON, CUES, NEGATIONS, PAST, CLAUSE_BREAKS, FIRST, THIRD)
