"""English (incl. chat spelling)."""

from __future__ import annotations

from triage.lexicon import LanguageLexicon, parse_canon

CANON = parse_canon("""
you: u ya
your: ur yr
i: im i'm ive i've
my: mah
not: n't dont don't doesnt doesn't didnt didn't cant can't wont won't isnt nt
please: pls plz plez
boyfriend: bf boyf bae lover
friend: m8 mate bestie bff
phone: fone mobile cell cellphone iphone phones
passport: id papers documents passports
card: bankcard debitcard
money: cash cashh
pics: pic pictures picture photos photo vid video videos nudes nude naked
hit: hits hitting beat beats beating beaten punched punches punch kicked kicks kick slapped slaps chokes choked
threaten: threatens threatened threatening threat threats
kill: kills killing murder
rape: raped raping
run: ran runaway running
steal: stealing stole stolen shoplift shoplifting
deliver: delivering delivered drop dropping carry carrying
drugs: drug weed coke cocaine stuff
package: packages parcel parcels packets
debt: debts owe owes owed
client: clients customers customer johns punters
man: men guys guy
sleep: sleeping slept
sex: shag
work: working works worked
take: took taken takes taking
lock: locked locks
cut: cutting cuts
pills: pill tablets meds
can: ca
die: dead
""")

CUES = """
grooming 0.75: groomed ; grooming
grooming 0.45: loverboy
grooming 0.6: buys me everything ; buys me * gifts ; gifts ; boyfriend is 19|20|21|22|23|24|25|26|27|28|29|30|35 ; only one for him ; only trust him ; not to tell my parents ; don't tell my parents ; friends are fake
grooming 0.45: older guy
grooming 0.45: older man
grooming 0.6: older boyfriend ; buys her ; expensive things ; buys him
grooming 0.5: move in together ; sends me money ; picks me up ; princess ; loves me

sexual_exploitation 0.9: do client ; see client ; client in ; with client ; have client ; client for him ; client right now ; with a client ; see man for money ; man for money ; sex with * for money ; sex for money ; prostitution ; escort ; pimp ; sex with their friends ; sex with his friends ; sleep with man
sexual_exploitation 0.8: forces me to sleep with ; sleep with his friends ; sleep with his mates ; sex with * for ; sells me ; sold me ; onlyfans ; webcam ; sleep with * for money ; ads of me ; ads * online ; man come to ; make me see ; sell me ; selling me ; work for him with man ; hotel * man
# sideways (B8-B12 study): "be nice to his friends", window work, men all night, a price next to pictures
sexual_exploitation 0.8: nice to his friends ; nice to his mates ; nice to their friends ; nice to them ; if i'm nice ; if im nice ; in the window ; work in window ; window in ; behind the window ; men all night ; visitors all night ; always men ; price next to ; sells my pics ; selling my pics ; selling my nudes ; sells my nudes ; paid account ; cam model ; work in a club ; work in club ; more customers ; for the family's rent
sexual_exploitation 0.6: customers ; men come and go ; different men

sextortion 0.9: blackmail ; blackmailing ; sextortion ; share my pics ; send them to everyone ; post my pics ; pics * unless ; pics * if i don't|not ; share * pics ; pics with my school ; pics * everyone
sextortion 0.6: pics of me ; video of me
# the common forms of sextortion (boys too: a "girl" on a video call, money or the video goes to the followers)
sextortion 0.85: send it to my friends ; send it to everyone ; send them to my ; sends them to my ; send the video to ; send the pics to ; post the video ; recorded * video call|facetime|cam ; screen recorded ; screenshotted * video call ; nudes * unless ; nudes * if i ; pay * or * send|post|share|leak ; money or * send|post|share|leak ; gift cards * or * send|post ; all my followers ; my followers list ; wants more pics or ; more pics or ; more videos or ; leak my ; leak them ; leak the
sextortion 0.45: nudes

criminal_exploitation 0.9: county lines ; money mule ; deliver * package ; package * drugs ; sell drugs ; selling drugs ; deliver drugs ; deal drugs ; borrow my card ; borrow my bank ; use my account ; my account that is not mine ; not mine ; steal from shops ; make me steal
criminal_exploitation 0.5: steal
criminal_exploitation 0.6: package ; loan in my name ; contract in my name
criminal_exploitation 0.45: drugs

labour_exploitation 0.85: hours a day ; pay me nothing ; without pay ; no pay ; not paid ; keeps our wages ; keeps my wages ; no wages ; unpaid ; sleep at the farm ; sleep where we work ; 7 days a week
labour_exploitation 0.6: make me work ; instead of going to school ; work in their shop ; clean houses all day ; all day without ; boss keeps

debt_bondage 0.9: debt ; pay back ; pay it back ; until it is paid ; work it off ; for the trip ; owe them ; owe him

control_restriction 0.9: take my phone ; take my passport ; take * passport ; take * phone ; passport * keeps ; keeps my passport ; track my location ; track * location ; not allowed to go ; not allowed out ; not allowed to leave ; can not leave ; not leave until ; not know the address ; not even know the address ; lock me in ; check my phone ; read my messages ; keeps my card ; keeps my money
control_restriction 0.6: not allowed
control_restriction 0.45: location
# said sideways (B8-B12 study)
control_restriction 0.8: answers from her phone ; answers from my phone ; replies from her phone ; never see them go outside ; never go outside alone ; not allowed out ; keep my driver card ; has my card and ; has my bank card ; keeps my money ; keeps all the money ; can't see my friends ; cant see my friends ; stop seeing my friends ; location on all the time ; checks my phone ; check my phone ; decides everything ; took my charger ; they took my

violence_threats 0.9: hit me ; hit ; rape ; threaten ; hurt my ; hurt me ; knife ; gun ; bruises ; will hurt ; beat me up
violence_threats 0.45: kill
violence_threats 0.8: know where * live ; know where * lives ; knows where * live ; knows where * lives ; know where * stay ; know my address ; knows my address ; will find me ; they'll find me ; gonna find me ; shoved me ; pushed me ; slapped me ; punched me ; choked me

missing_runaway 0.9: run away ; run from ; left the care home ; left home ; left the shelter ; nowhere to sleep ; missing ; sleep at his friends ; sleep on the street ; they are looking for me ; sleep at * places
missing_runaway 0.6: homeless
missing_runaway 0.85: ran away ; staying at * flat ; not going home ; hasn't been home ; hasnt been home ; disappears for ; sleep at different ; sleeping at different ; kicked me out ; kicked out ; thrown out ; sleep in the park ; sleeping in the park ; sleep rough ; sleeping rough ; couch surfing ; not come home ; didn't come home ; didnt come home

unaccompanied_migrant 0.9: came alone ; asylum centre ; asylum center ; asylum ; without family ; without my family ; without parents ; smuggler ; unaccompanied ; my guardian
unaccompanied_migrant 0.45: no papers
unaccompanied_migrant 0.7: parents are in eritrea|afghanistan|syria|somalia|morocco|guinea|vietnam|sudan ; alone here

family_perpetrator 0.9: father|mother|dad|mom|parents|uncle|family ** marry ; forced marriage ; parents make me ; my mom sells ; my mother sells ; my dad sells ; my father sells ; uncle makes me ; my family sells
family_perpetrator 0.85: want me to marry ; wants me to marry ; make me marry ; making me marry ; have to marry ; forced to marry

self_harm 0.9: kill myself ; killing myself ; want to die ; not want to live ; do not want to live ; suicide ; suicidal ; cut myself ; hurt myself ; end it all ; self harm ; selfharm
self_harm 0.85: take them all ; take all * pills ; jump off ; better off without me

acute_danger 0.9: outside my door ; at my door ; locked in a ; locked in ; can not get out ; client right now ; with a client right now ; moving me ; coming to get me ; in 10 minutes ; in 5 minutes ; take them all tonight ; he is here ; they are here ; help me now

acute_danger 0.85: waiting outside ; outside waiting ; kill myself tonight ; tonight * kill myself ; waiting for me outside
acute_danger 0.35: right now ; tonight
# Present-tense danger said without alarm words (someone here or coming, locked in, hiding, driven away,
# typing in secret, a weapon, a client coming, a goodbye), also for a friend or sister.
acute_danger 0.9: is downstairs ; are downstairs ; waiting downstairs ; outside my house ; outside the house ; outside my building ; outside my flat ; at the door ; banging on the door ; on his way ; on their way ; coming back soon ; coming back in ; will be back in ; back in 10|5|15|20|30 ; be here in ; is coming here ; are coming here ; coming for me ; coming to pick me up ; here any minute
acute_danger 0.9: locked the door ; locked me ; locked her ; locked him ; won't let me leave ; wont let me leave ; won't let me go ; wont let me go ; won't let her ; wont let her ; can't get out ; cant get out ; can not leave ; hiding in ; in the bathroom ; in the toilet ; in the closet ; in the wardrobe
acute_danger 0.9: driving me ; driving us ; drive me to ; taking us to ; in the back of ; don't know where we are ; dont know where we are ; don't know where we're going ; dont know where we going ; don't know where i am ; dont know where i am ; don't know the address ; dont know the address
acute_danger 0.45: taking me to
acute_danger 0.9: typing on his ; typing on her ; on his phone ; on someone else's ; don't reply ; dont reply ; don't text back ; dont text back ; don't call back ; dont call back ; if he sees this ; if they see this ; if he finds out ; he is asleep ; he's asleep ; he is sleeping ; he's sleeping
acute_danger 0.9: pulled a knife ; pulling a knife ; pointing a gun ; come get me ; come and get me ; come pick me up ; dragged me ; dragging me ; pulled into a car ; pushed into a car ; driving around with me ; got into a car with ; just got in a car ; rope ; goodbye letter ; suicide note ; i'm done ; im done ; pills in my hand ; on the balcony ; edge of the ; train tracks ; wants to take her ; wants to take him ; trying to take her ; in the waiting room ; client is coming ; clients are coming ; a man is coming ; man coming ; men are coming ; have to see a client ; last message ; on the bridge ; on the roof ; on the tracks ; jump off ; jump tonight ; going to jump ; will jump ; pills ready ; took the pills ; taken the pills ; all the pills ; live location ; shared her location ; sent her location ; sent me her location ; shared his location
acute_danger 0.45: sorry for everything ; has a knife ; have a knife ; with a knife ; has a gun ; have a gun ; gun ; in his car ; in their car ; in a van ; in the van ; whispered ; thank you for everything ; saved up pills ; just now ; not answering ; not picking up ; battery ; secretly ; goodbye ; knife ; hurry ; quick ; right now ; tonight
acute_danger 0.9: driving now ; we are driving ; we're driving ; in the back of the car ; picking her up at ; picking me up at ; in the next * minutes ; next 10|15|20|25|30 minutes ; dem go carry me ; took all the pills ; took all my pills
acute_danger 0.45: tomorrow morning * take me ; tomorrow * carry me
acute_danger 0.9: rest finally ; tonight i go rest ; no worry for me
self_harm 0.85: only way out ; don't want to be here ; dont want to be here ; don't want to wake up ; dont want to wake up ; better off without me ; everyone would be better ; end it ; giving my stuff away ; giving away my ; say goodbye ; saying goodbye ; last message ; sorry for everything ; jump off ; on the bridge ; on the roof ; no point anymore ; can't do this anymore ; cant do this anymore
self_harm 0.45: disappear ; can't go on ; cant go on ; tired of everything
# said sideways (B8-B12 study)
self_harm 0.85: wouldn't wake up ; wouldnt wake up ; not wake up ; never wake up ; cutting again ; started cutting ; cutting my ; cut myself ; rather be gone ; rest finally ; not his fault ; not her fault ; tell my mum im sorry ; tell my mom im sorry ; tell my mama * sorry

@hypo 1: short story ; a story about ; writing a story ; creative writing ; it's fiction ; its fiction ; fiction ; a novel ; my character ; main character ; for a debate ; a debate ; song ; lyrics ; class about ; what are the signs ; what is a ; movie ; film ; documentary ; podcast ; school project ; for a project ; joke ; joked ; jk ; kidding ; what if ; hypothetically ; article
@recovered 1: i am out ; i'm out ; doing fine ; doing better ; now i am safe ; safe now ; it is over ; over now ; now i'm ok
@now 1: now ; right now ; tonight ; at the moment

@witness 1: my friend's ; my friend says ; my friend is ; my sister ; my brother ; my little brother ; my little sister ; my daughter ; my son ; my cousin ; my neighbour ; a girl from ; a boy from ; her boyfriend ; her boss ; worried about her ; worried about him
@professional 1: i'm a teacher ; i am a teacher ; as a teacher ; social worker ; youth worker ; my students ; one of my students ; a student ; a client of mine ; in our care ; police officer ; as a ; case ; i work with
@perpetrator 1: working for me ; for me with clients ; i threatened ; will i get in trouble ; get in trouble ; i let some ; run package for me ; i want to stop ; i hit her ; i have a girl
@family 1: mom|mother|dad|father|parents|uncle|aunt|stepdad|brother * makes|make|forces|force|sells|sell|sends|send ; my uncle ; my parents make ; my mom sells ; uncle makes
@family 1: aunty|aunt|auntie|uncle|cousin|brother|stepdad|stepmom|grandma|grandpa|tita|tito * keeps|keep|kept|took|takes|says|said|wants|makes|made|sells|sent|brought|bring|runs|has ; my aunty ; my auntie ; my cousin ; my tita ; for my aunt|aunty|uncle|cousin * shop|salon|restaurant
@minor 1: school ; class ; teacher ; my parents ; not to tell my parents ; care home ; guardian ; student ; students ; unaccompanied ; year 9|10|11
@adult 1: boss ; my wife ; my husband ; my kids ; farm ; wages
"""

NEGATIONS = frozenset({"not", "never", "no", "nobody", "nothing", "none"})
PAST = frozenset({"last", "ago", "used", "was", "were", "had", "back", "then", "previously", "ran", "years"})
CLAUSE_BREAKS = frozenset({",", ".", "!", "?", ";", ":", "but", "if", "because", "unless", "when", "...", "\n", "so"})
FIRST = frozenset({"i", "me", "my", "myself"})
THIRD = frozenset({"she", "her", "he", "him", "his", "they", "them"})

LEXICON = LanguageLexicon("en", CANON, CUES, NEGATIONS, PAST, CLAUSE_BREAKS, FIRST, THIRD)
