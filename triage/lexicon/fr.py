"""French (Belgium and France, incl. SMS spelling)."""

from __future__ import annotations

from triage.lexicon import LanguageLexicon, parse_canon

CANON = parse_canon("""
je: j jsuis chui
ne: n
pas: pa
telephone: tel portable phone gsm telephones
passeport: papiers carte id passeports
argent: thune fric sous tunes
copain: mec copine chéri cheri
homme: hommes mecs types
client: clients
photo: photos nudes nude video videos vidéo vidéos
frapper: frappe frappé frappes frappent tape tapé battre bat battu
menacer: menace menacent menacé menaces
tuer: tue tuent tué
violer: violée violé viol violee
voler: vole volé volent
dette: dettes
rembourser: rembourse remboursé
fuguer: fugué fugue fuguée enfuie enfui enfuis
enfermer: enfermée enfermé enfermee ferme
livrer: livre livré livrent
drogue: drogues shit coke beuh
oblige: obligent obligé obligée force forcent forcé forcée
coucher: couche couché
""")

CUES = """
grooming 0.45: proxénète
grooming 0.45: proxenete
grooming 0.45: loverboy
grooming 0.45: plus âgé ; plus age ; homme plus ; mecs plus ; vient me chercher
grooming 0.6: copain de 19|20|21|22|23|24|25|26|27|28|29|30|35|40 ans ; cadeaux ; plein de cadeaux ; sa princesse ; rester seulement avec lui ; 25 ans et il ; me donne de l'argent ; me donne de l argent
sexual_exploitation 0.6: la nuit avec de l'argent ; revient la nuit
sexual_exploitation 0.85: oblige * coucher ; coucher avec ses amis ; coucher avec * pour ; me vend ; vendue
sexual_exploitation 0.9: client ; coucher avec des homme ; pour de l'argent ; prostitution ; annonces de moi ; escort ; voir des client ; chez des homme ; des homme pour
sexual_exploitation 0.45: passes
# sideways (B8-B12 study): "gentille avec ses potes", window work, selling pictures
sexual_exploitation 0.8: gentille avec ses potes|amis|copains ; gentille avec eux ; vitrine ; vend mes photos ; vendre mes photos ; vend mes nudes ; des mecs qui paient ; chez ses potes ce soir ; il a pris des billets ; m'ont fait des trucs
sexual_exploitation 0.6: voitures différentes ; toujours des hommes ; des hommes plus âgés ; des soirées
sextortion 0.9: chantage ; photo * envoyer ; photo * publie ; publier * photo ; publie * photo ; photo nues ; menace de les envoyer ; sinon il publie
# the common forms of sextortion (boys too: a "girl" on a video call, money or the video goes to the followers)
sextortion 0.85: envoyer à mes parents ; envoie tout à mes parents ; envoyer à mes amis ; tous mes abonnés ; mes abonnés ; envoyer la vidéo ; publier la vidéo ; balancer * photos|vidéo|nudes ; balance * photos|vidéo|nudes ; enregistré * appel vidéo|facetime|cam ; capture * appel vidéo ; si je paie pas ; si je paye pas ; sinon * envoie|publie|balance ; veut de l'argent sinon ; nudes * sinon
sextortion 0.45: nudes
criminal_exploitation 0.85: voler pour ; dois voler ; devais voler ; doit voler
criminal_exploitation 0.9: livrer * drogue ; drogue pour eux ; paquets de drogue ; voler dans les magasins ; obligent à voler ; vendre de la drogue ; vend de la drogue ; carte bancaire ; dealer ; mule
labour_exploitation 0.85: heures par jour ; sans être payé ; sans etre paye ; sans salaire ; ne nous paie ; paie presque rien ; dort sur le chantier ; dormons sur
debt_bondage 0.9: dette ; rembourser ; pour le voyage ; euros pour le voyage
control_restriction 0.9: pris mon telephone ; pris mon passeport ; pris * passeport ; pris * telephone ; garde mes passeport ; garde * passeport ; pas le droit de sortir ; surveillent ; localisation ; enfermer
control_restriction 0.45: surveille
# said sideways (B8-B12 study)
control_restriction 0.8: plus le droit de sortir ; pas le droit de sortir ; dois plus les voir ; ma loc ; activer ma localisation ; activer ma loc ; ma carte et le code ; garde mes papiers ; c'est elle qui les garde ; c'est lui qui les garde ; c'est lui qui le garde ; garde l'argent ; garde tout l'argent ; reprendre le tel ; reprendre mon tel ; a la clé pas moi ; confisque ; connais pas la rue ; sais plus où est l'argent ; prend toute ma paie
violence_threats 0.9: frapper ; violer ; couteau ; bleus
violence_threats 0.45: tuer
violence_threats 0.45: menacer
violence_threats 0.8: sait où * habite ; savent où * habite ; sait où * habitent ; savent où * habitent ; savent où * vit ; sait où * vit ; connaît mon adresse ; connaissent mon adresse ; m'a menacé ; m'a menacée ; ont menacé ; l'ont menacé ; l'ont menacée ; me menace ; nous menace ; m'a poussée ; m'a poussé ; m'a giflée ; m'a giflé ; me gifle
missing_runaway 0.9: fuguer ; fugue ; enfuie du foyer ; je dors chez des inconnus ; disparu ; disparue ; chez des inconnus ; à la rue ; a la rue
missing_runaway 0.85: dort plus à la maison ; dort plus a la maison ; rentre plus ; pas rentrée ; pas rentrée à la maison ; a quitté le domicile ; a quitté la maison ; dors dehors ; dort dehors ; dors dans le parc ; dors vers la gare ; dors à la gare ; mis à la porte ; m'a mis dehors ; m'a mise dehors
unaccompanied_migrant 0.9: arrivé seul ; arrive seul ; arrivée seule ; mineurs non accompagnés ; mineur non accompagné ; non accompagnés ; non accompagne ; sans mes parents ; passeur ; demandeur d'asile ; centre pour mineurs ; fedasil
unaccompanied_migrant 0.7: parents sont en guinée|guinee|érythrée|erythree|afghanistan|syrie|maroc|congo|cameroun
family_perpetrator 0.9: père|pere|mère|mere|parents|oncle|famille ** marier ; mariage forcé ; mariage force ; mon oncle me fait ; ma tante m'envoie ; ma tante m envoie ; mes parents m'obligent ; ma mère me vend ; mon père me vend
family_perpetrator 0.85: veut me marier ; veulent me marier ; veut la marier ; veulent la marier ; me marier avec ; la marier avec
self_harm 0.9: ne veux plus vivre ; me suicider ; suicide ; me scarifie ; veux me tuer ; vais me tuer ; envie de mourir ; veux mourir ; me faire du mal
acute_danger 0.9: devant ma porte ; enfermée dans ; avec un client maintenant ; client maintenant ; emmener ce soir ; aidez-moi vite ; il arrive
acute_danger 0.45: va me tuer
# habitual or about things in the (long) run: 'il m'emmène (chaque vendredi)', 'elle me laisse pas sortir le soir',
# 'ils ont caché mon passeport' -- control, not danger this minute; a second cue or the model makes them acute
acute_danger 0.45: ne peux pas sortir ; peux pas sortir ; peut pas sortir ; me laisse pas partir ; me laisse pas sortir ; la laisse pas ; cachée ; caché ; m'emmènent ; m'emmene ; m'emmène ; on m'emmène ; l'emmènent ; sa localisation ; sa position
control_restriction 0.7: ne peux pas sortir ; peux pas sortir ; peut pas sortir ; me laisse pas sortir ; me laisse pas partir
acute_danger 0.35: maintenant ; ce soir

# Danger présent dit sans mots d'alarme: quelqu'un ici ou en route, enfermée, cachée, emmenée, en cachette,
# une arme, un client qui arrive, un adieu; aussi pour une amie ou une sœur.
acute_danger 0.9: il est en bas ; ils sont en bas ; en bas de chez moi ; devant chez moi ; devant la porte ; tape à la porte ; frappe à la porte ; ils arrivent ; il revient ; il va revenir ; revient dans ; en route ; dans 10|5|15|20|30 minutes ; m'attend en bas ; m'attendent ; vient me chercher ; viennent me chercher
acute_danger 0.9: enfermer ; fermé à clé ; ferme a cle ; fermée à clé ; fermee a cle ; je me cache ; salle de bain ; aux toilettes ; dans les toilettes ; dans le placard
acute_danger 0.9: viens me chercher ; venez me chercher ; au bord du ; au bord de la ; dites à * que je l'aime ; dis à * que je l'aime ; c'est fini pour moi ; sur le balcon ; la corde ; lettre d'adieu ; m'a traînée ; traînée dans ; traîné dans ; veut l'emmener ; veut la récupérer ; veut le récupérer ; est en train de descendre ; sais pas où je suis ; sais pas ou je suis ; sais pas où on va ; sais pas ou on va ; sais pas l'adresse
acute_danger 0.9: en cachette ; réponds pas ; reponds pas ; rappelle pas ; s'il voit ça ; s'il voit ca ; s'ils voient ; un client arrive ; le client arrive ; des clients arrivent ; un homme arrive ; dernier message ; sur le pont ; sur le toit ; sauter ; les cachets ; tous les médicaments ; toutes les pilules ; position en direct
acute_danger 0.45: il dort
acute_danger 0.45: pardon pour tout ; désolée pour tout ; desolee pour tout ; adieu ; dans la voiture ; dans une voiture ; dans sa voiture ; dans un van ; dans une camionnette ; couteau ; pistolet ; flingue ; je suis désolé ; je suis désolée ; merci pour tout ; chuchot ; répond plus ; repond plus ; batterie ; vite ; arme ; tout de suite ; cette nuit
self_harm 0.85: en finir ; plus envie de vivre ; disparaître ; disparaitre ; la seule solution ; seule issue ; me couper ; me scarifier ; mieux sans moi ; dernier message ; pardon pour tout ; adieu ; sur le pont ; sauter ; les cachets ; plus la force
# said sideways (B8-B12 study)
self_harm 0.85: plus me réveiller ; plus me reveiller ; me réveille plus ; me reveille plus ; ne plus me réveiller ; laissé une lettre ; laisse une lettre ; une lettre pour ma|mon ; c'est pas sa faute ; dites pas que c'est sa faute ; vaudrait mieux que je ; mieux que je sois plus là ; j'ai décidé ; me couper encore
acute_danger 0.9: laissé une lettre ; ce soir c'est bon

@hypo 1: concours de nouvelles ; une nouvelle ; mon personnage ; personnage principal ; une histoire ; un roman ; pour un débat ; un débat ; hypothétiquement ; hypothetiquement ; une chanson ; le clip ; exposé ; expose ; film ; documentaire ; pour l'école ; pour un devoir ; blague ; je rigole ; c'est quoi ; qu'est-ce que
@recovered 1: ça va mieux ; ca va mieux ; c'est fini ; maintenant ça va ; je suis en sécurité
@now 1: maintenant ; ce soir ; cette nuit ; tout de suite
@witness 1: mon amie ; ma soeur ; ma sœur ; mon frère ; mon frere ; ma fille ; mon fils ; ma cousine ; son copain ; une fille de ma classe
@professional 1: je suis prof ; je suis professeur ; une élève de ; un élève de ; je suis éducatrice ; je suis educatrice ; je suis éducateur ; je suis enseignant ; je suis enseignante ; assistante sociale ; assistant social ; un élève ; une élève ; une jeune du foyer ; mon élève
@perpetrator 1: j'ai menacé ; j ai menace ; est-ce grave ; est ce grave ; travaille pour moi ; pour moi
@family 1: mon oncle ; ma tante ; mes parents m ; mon beau-père
@family 1: tante|tantine|oncle|cousin|cousine|frère|frere|beau-père|grand-mère * garde|gardé|prend|pris|dit|veut|oblige|vend|envoie|a ma|a mes ; chez ma tantine ; ma tantine ; mon cousin ; ma cousine ; mon grand frère ; le magasin de mon père|oncle ; le resto de mon père|oncle
@minor 1: école ; ecole ; collège ; college ; lycée ; lycee ; classe ; foyer ; mineurs ; mineur ; élève ; eleve ; mes parents
@adult 1: patron ; chantier ; ma femme ; mon mari ; mes enfants
"""

NEGATIONS = frozenset({"pas", "jamais", "aucun", "aucune", "rien", "personne", "non"})
PAST = frozenset({"dernière", "derniere", "avant", "autrefois", "était", "etait", "devais", "avais"})
CLAUSE_BREAKS = frozenset({",", ".", "!", "?", ";", ":", "mais", "si", "parce", "quand", "...", "\n", "sinon"})
FIRST = frozenset({"je", "me", "moi", "mon", "ma", "mes", "m'"})
THIRD = frozenset({"elle", "il", "lui", "sa", "son", "ses"})

LEXICON = LanguageLexicon("fr", CANON, CUES, NEGATIONS, PAST, CLAUSE_BREAKS, FIRST, THIRD)
