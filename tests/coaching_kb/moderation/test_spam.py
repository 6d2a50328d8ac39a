"""Issue 35, finding 7: spam that needs more than a link, and readers who are just brief."""

from dataclasses import replace

import numpy as np
import pytest

from coaching_kb.moderation import spam_training
from coaching_kb.moderation.spam import Context, score
from coaching_kb.moderation.spam_model import MODEL_FILE, SpamModel, load
from coaching_kb.testing import ROOT

DEV_SET = ROOT.parent / "shared" / "eval" / "spam" / "youtube-dev.jsonl"
TITLE = "Leading quietly"


BRIEF_PRAISE = [
    "❤❤❤❤❤❤❤",
    ":)",
    ";-)",
    "<3",
    "👍",
    "🙏🙏",
    "Great post!",
    "Thank you!!",
    "So true.",
    "Wow",
    "LOVE THIS!!!!!!",
    "Needed this today 🙏",
    "Leading quietly",
    "Leading quietly ❤",
    "Brilliant, thanks",
    "Obrigada! 🙏",
    "Terima kasih banyak",
    "Merci ❤❤",
    "Danke, sehr gut!",
    "👏👏👏 so good",
    "10/10, saving this",
    "Wow, just wow 😍",
]


@pytest.mark.parametrize(
    "body",
    [
        "Check out my channel for daily leadership videos",
        "Please subscribe to my channel, I post every week about management",
        "Hey everyone, visit my blog for more coaching tips",
        "sub4sub anyone? I am trying to grow",
        "Go check out my new music video, it is about my old boss",
        "Help me reach 1000 subscribers this month, it would mean the world",
        "Suscribe my channel please",
        "If I reach 500 subscribers I will post a video every day, like and subscribe!",
    ],
)
def test_self_promotion_without_a_link_is_spam(body):
    assert score(body, Context(title=TITLE)).is_spam


def test_the_shipped_model_holds_numbers_only():
    with np.load(MODEL_FILE) as data:
        assert set(data.files) == {"weights", "bias", "threshold"}
        assert all(data[name].dtype.kind == "f" for name in data.files)
    assert 0 < load().threshold < 1


@pytest.mark.parametrize(
    "body",
    [
        "Lovely read. Our agency writes SEO articles and press releases at affordable rates.",
        "Need money fast? Personal loans with no credit check, message the loan officer today.",
        "I can write your leadership essay or MBA assignment overnight, plagiarism-free.",
        "Make 400 dollars a day from home with my trading bot, no experience needed.",
        "Superb post! I also run a channel on team building, search for my name on YouTube.",
        "Thanks for sharing! Book a free demo of our HR platform, we are a leading vendor.",
        "Fantastic blog, we sell guest posts on leadership sites with dofollow links.",
        "Artigo ótimo! Empréstimo rápido sem burocracia, fale comigo.",
        "t.me/leaders_vip_club",
        "Thanks to Coach Amara my salary doubled, google her name, you won't regret it!",
        "I coach new team leads, inbox me if you want a free first session.",
        # A first-person offer of paid help with a call to contact, search or join, no link.
        "My leadership cohort starts in May and there are four places left, message me to apply.",
        "I wrote a playbook for first-time managers, search Calm Lead Playbook to get a copy.",
        "Struggling to delegate? Reply DELEGATE and I will send you my checklist.",
        "I host a paid mastermind for engineering managers, come and join us this autumn.",
        "Your blog could rank on the first page for 'team coaching' in a month, reply for a quote.",
        "My testimony: Coach Ruth's mentoring programme got me promoted, contact her today.",
        "Wir bieten Coaching für Teamleiter, schreiben Sie uns für ein erstes Gespräch.",
        "Vendo plantillas de liderazgo a buen precio, envíame un mensaje privado.",
        "Looking for a side hustle beside your management job? Message me for the details.",
        "Joining the Northern Leaders Circle was the best money I ever spent, google them.",
        "I am taking on two new coaching clients this spring, send me a message if that is you.",
        # A third party's seller (a named product, app or coach) with a code or a way to reach them.
        "The Steady Lead app turned my one-to-ones around. Use my code STEADY10 for a free month.",
        "Honestly, hire Bright Harbour Coaching. Tell them Lee sent you, you will thank me later.",
        # A business pitching the site's owner: a feature, a redesign, a place for articles.
        "We'd love to interview you on our podcast; guest episodes carry a small production fee.",
        "I rebuild coaching websites and can redesign yours this month. Can I send you a mockup?",
        "Dear blog owner, we look for sites to place our client's articles, we pay $60 per post.",
        # A bot writing to whoever reads it; a dating bot.
        "Hello dear, I saw your profile and I think we could be good friends. Write to me.",
        "I am looking for a serious man for a relationship, my private photos are waiting for you.",
        # Offers just under the threshold, now with their call to act; in Portuguese too.
        "I offer 1:1 sessions for new team leads at an introductory rate. Feel free to reach out.",
        "My next opening for coaching is in March and the cohort fills quickly, happy to chat.",
        "Trabalho com mentoria para líderes, se alguém tiver interesse me chama no direct.",
    ],
)
def test_what_blog_spammers_write_is_spam_with_or_without_a_link(body):
    assert score(body, Context(title=TITLE)).is_spam


READERS_NAMING_MONEY_WORK_OR_TEAM = [
    "Thanks for sharing, we are a small team and this helps a lot.",
    "Great read! Our team tried the one-to-one format and we love it.",
    "We pay our leads the same as senior engineers, which helps with the identity question.",
    "Where can I buy the book you mention? Amazon only shows the audiobook.",
    "Call me old fashioned but I think one-to-ones should be weekly.",
    "Email me the worksheet please? The link is broken.",
    "I work from home and the quiet team problem is even worse on video calls.",
    "Good article, read it twice.",
    "My blog has a post on this too, but yours is better.",
    "My channel at work (Slack) is all questions for me to decide. This helped.",
    "I like and share your posts with my team every week.",
    "I coach new team leads at my company and I will use this in our next session.",
    "Merci pour cet article, je le partage avec mon équipe.",
    "Danke! Ich habe den Newsletter abonniert.",
    # Readers naming their job, their Slack, their book; coaches sharing, not selling.
    "I'm a school principal and this is exactly how my first year as head felt.",
    "Dropped this into our Slack channel for the leads, it sparked a good thread.",
    "My team lead posted this in our channel this morning.",
    "I wrote a book on mentoring years ago and I still learnt something here.",
    "As an executive coach, I see the same fear in most new managers I work with.",
    "I have run feedback workshops for a decade and the first sentence is always the hardest.",
    "I coach junior doctors and the identity shift you describe is the same in medicine.",
    '"Leading quietly" is the best title I have read this year.',
    "The subscribe button on the sidebar doesn't work on my phone, just so you know.",
    "Is there a newsletter I can sign up for? I would like these by email.",
    # Readers recommending a book or public research, with no way to buy it.
    "The Making of a Manager covers this too; my library had a copy.",
    "For anyone curious, the research behind this is Amy Edmondson's, worth a search.",
    # Readers naming their coach, company or programme; a coach sharing experience.
    "My coach, Priya, asked me the same question last spring and I still think about it.",
    "Our company launched a mentoring programme this year and I signed up as a mentor.",
    "As a coach for twenty years, I still see this in almost every new manager.",
    # Readers naming their WhatsApp group, a call with their team, their age, a teacher.
    "I shared this in our WhatsApp group for the new leads at work.",
    "We set up a quick call with the whole team after reading this.",
    "I'm 34 and just became a manager for the first time.",
    "Thank you Dr Shah, my old professor, for teaching me this years ago.",
    "Looking for a good book on delegation, any suggestions?",
    "The link to the worksheet in the second paragraph goes to a 404 page.",
    "The comment below offering money spells is obviously a scam, can you remove it?",
    "That loan offer is spam, please delete it before someone falls for it.",
]


# The kinds a sentence view was tried for (what the second blind set's spam did that the
# rules and n-grams missed); written here, not copied from it. The shipped scorer, n-grams
# alone, catches these:
CAUGHT_KINDS = [
    "Excelente artigo! Aproveite o cupom LIDER15 para 15% de desconto no nosso curso de gestão.",
    "The noise-cancelling headset I wear for remote standups is on sale at half price right "
    "now, worth every penny for anyone leading a distributed team.",
    # caught since stop 43 (a business signing its praise; an ask in Indonesian), the last one
    # since stop 44 (the model refitted with more development data):
    "Such a useful read. At Peakline Consulting we build onboarding playbooks for growing "
    "teams, so you might enjoy what we do too.",
    "Artikel bagus. Gabung grup trading kami, profit harian dijamin, hubungi admin sekarang.",
    "Great insights on delegation, very helpful for every manager. Kind regards, the team at "
    "Nordvale Digital Solutions, web design and branding.",
]
# ...and misses these; neither did the sentence view catch them without filing readers in
# cross-validation (README). Strict: a scorer that starts catching one must say so here.
MISSED_KINDS = [
    "This reminded me of my morning routine: a cup of Brewmont single-origin and ten quiet "
    "minutes before standup. Honestly the best coffee I have had, and it is 30% off this week.",
    "I used to lose track of every one-on-one until I got the Focusly planner. 10/10, would "
    "recommend to any new manager.",
    # caught until stop 44, missed by the model refitted in the seventh round: the rules give
    # it 0.7 (two spam words), the model no longer its half point.
    "My new book on first-time management is out now on every major store, grab a copy while "
    "the launch price lasts.",
]


@pytest.mark.parametrize("body", CAUGHT_KINDS)
def test_product_placements_and_offers_in_other_languages_are_spam(body):
    assert score(body, Context(title=TITLE)).is_spam


@pytest.mark.parametrize("body", MISSED_KINDS)
@pytest.mark.xfail(strict=True, reason="a known miss of the shipped scorer (README)")
def test_placements_without_an_ask_and_signatures_under_praise_are_spam(body):
    assert score(body, Context(title=TITLE)).is_spam


READERS_NAMING_A_BOOK_IN_ANY_LANGUAGE = [
    "I tried the skip-level meetings you describe and my team finally told me about the "
    "release process problems. Thank you for the nudge.",
    "Our coach suggested the same thing last year: write the decision down before the "
    "meeting. It saved us hours.",
    "Obrigada pelo texto, vou mostrar para a minha equipe na segunda-feira.",
    "Terima kasih, tulisan ini sangat membantu saya sebagai manajer baru.",
    "I read Radical Candor after your last post and the chapter on feedback changed how I "
    "run one-on-ones.",
]


SELLER_AND_BUSINESS_KINDS = [
    ("Mau penghasilan tambahan dari rumah? Tanya saja, WA 0813 2222 0456.",
     "gives a way to reach them"),
    ("My cousin fixed our payroll mess in a week, call her office on 020 7946 0321.",
     "gives a way to reach them"),
    ("She posts daily tips on Instagram as @calm.lead.daily, worth a follow.",
     "gives a way to reach them"),
    ("Great piece on trust. Kind regards, Harbourline Digital Media Ltd",
     "signs as a business"),
    ("At Quillmark we help new managers write their first reviews, so this struck a chord.",
     "signs as a business"),
    ("Our scheduling app saves every team lead an hour a week.", "signs as a business"),
    ("Goed stuk! Stuur me een bericht als je als coach meer klanten wilt.",
     "asks in another language"),
    ("Güzel yazı, detaylar için profilime bakabilirsiniz.", "asks in another language"),
    ("Yazı çok iyi, bilgi almak için bana yazın.", "asks in another language"),
    ("Ottimo spunto. Il mio corso sulla leadership costa poco, contattateci per i dettagli.",
     "asks in another language"),
    ("Dobry tekst. Zapraszamy na nasze szkolenie, zostało kilka miejsc.",
     "asks in another language"),
    ("Ekip yönetimi eğitimimiz için hemen tıklayın, sınırlı kontenjan.",
     "asks in another language"),
    ("Хорошая статья. Научу вас управлять командой, пишите мне в личные сообщения.",
     "asks in another language"),
    ("The noise-cancelling headset from Quietdesk changed my calls, best 40 dollars I ever "
     "spent, and their spring sale is still on.", "vouches for a seller"),
    ("Mentoring circles help. Comment 'circle' below and I will add you to mine.",
     "asks to be contacted"),
    ("I share my one-to-one checklist free to newsletter subscribers every month.",
     "offers paid help"),
    ("We talked about this in our latest episode, find it wherever you get your podcasts.",
     "offers paid help"),
    ("Struggling with your leadership thesis? Our expert writers deliver in three days.",
     "writes coursework"),
    ("Lovely read. Thank you from Brightpath Consulting Services.", "signs as a business"),
    ("If you or your team need office furniture, we are only a call away.",
     "signs as a business"),
]  # fmt: skip


READERS_NAMING_A_COMPANY_PRICE_OR_READER = [
    "@Sam I had the same problem with my first team, thanks for sharing.",
    "My team at Shopify read this together on Friday.",
    "Cheers from the whole team at work, we printed this one.",
    "Best wishes, Amara (People Ops at a fintech)",
    "At Google we called this the skip-level, and it worked.",
    "I led a team of 40 from 2018 to 2021 and this rings true.",
    "Our onboarding tool at work helps, but nothing beats a real conversation.",
    "I found the author on LinkedIn and sent a thank-you note.",
    "My manager, Dana, sent me this; she coaches everyone on our floor this way.",
    "I run a 12-person team at a hospital in Manila and this is our daily life.",
    "Mooi stuk, ik deel het met mijn team.",
    "Harika yazı, ekibimle paylaştım.",
    "Bagus sekali, saya bagikan ke tim saya.",
    "Bahut accha likha hai, meri team ko bhi bhejunga.",
    "Bellissimo articolo, lo giro al mio team.",
    "Świetny tekst, dziękuję!",
    "I paid 29 euros for the workshop my company sent me to and it was worth it.",
    "The book you recommended cost me 15 dollars and it was the best thing I read this year.",
    "I reply to every comment on my team's wiki, but your approach is better.",
    "Our newsletter at work goes to 300 subscribers and I will link this post in it.",
    "We discussed this at our team meeting today, thank you.",
    "Thank you from a new manager in Lagos.",
    "Bellissimo articolo, lo trovo molto utile per il mio team.",
    "Świetny artykuł, zapraszam cały zespół do przeczytania.",
    "Yazıyı ekibimle paylaştım, çok teşekkürler.",
    "Отличная статья, спасибо! Напишите, пожалуйста, продолжение про делегирование.",
    "I wrote my dissertation on psychological safety and this matches what I found.",
]


# Kinds the sixth round (not merged) found in its development sets, judged again by this
# round's rule; each kept only if the rule preferred it.
ROUND6_KINDS = [
    ("Our practice offers new team leads a free first meeting.", "offers a free first meeting"),
    ("Burnout coaching for managers, first consult complimentary.",
     "offers a free first meeting"),
    ("Plan vandaag een gratis kennismaking met een van onze coaches.",
     "offers a free first meeting"),
    ("Kostenloses Erstgespräch für neue Führungskräfte.", "offers a free first meeting"),
    ("Première séance offerte pour les nouveaux managers.", "offers a free first meeting"),
    ("Мой курс для руководителей: первое занятие бесплатно.", "offers a free first meeting"),
    ("Doy sesiones para jefes nuevos, la primera es gratis.", "offers a free first meeting"),
    ("Join our circle of new managers, the first month is on us.",
     "offers a free first meeting"),
    ("Yatırım grubumuzda günlük %3 getiri var.", "promises returns"),
    ("Our trading desk pays members 4% a week, every week.", "promises returns"),
    ("Forex sinyal grubumuz aylık yüzde 30 getiri sağlıyor.", "promises returns"),
    ("I'm hiring senior leads: send me your CV and I'll fast-track you.", "fishes for CVs"),
    ("Estamos contratando, envíame tu CV hoy.", "fishes for CVs"),
    ("Are you open to a link insertion in your post? We pay $80 per link.",
     "pays for a mention or link"),
    ("Seriez-vous ouvert à un article sponsorisé sur votre blog ?",
     "pays for a mention or link"),
    ("We will pay $300 to have a short mention of our app added to this article.",
     "pays for a mention or link"),
    ("Tengo un blog parecido, si quieres hacemos intercambio de enlaces.",
     "pays for a mention or link"),
    ("kik: lena_2001", "leaves a messenger handle"),
    ("telegram @fast_profit_desk 💸", "leaves a messenger handle"),
    ("Hi, my username on Telegram is mia.x if you want to talk.", "leaves a messenger handle"),
    ("Hola guapo, soy nueva por aquí y estoy aburrida 😘", "offers dating in another language"),
    ("Привет, мне 24, ищу серьёзные отношения.", "offers dating in another language"),
    ("need a sugar daddy who pays weekly? serious ones only",
     "offers dating in another language"),
    ("Wij van Stillewater Coaching helpen nieuwe leidinggevenden.",
     "signs as a business in another language"),
    ("Complimenti! Saluti dalla Trattoria Bianchi di Bologna.",
     "signs as a business in another language"),
    ("Very useful read for any manager. — Harwood Dental Studio, York",
     "signs as a business in another language"),
    ("Detaylar için bana özelden yazın.", "asks privately in another language"),
    ("Liderlik eğitimimiz bu ay %40 indirimli.", "asks privately in another language"),
    ("Kto chce szybką pożyczkę, niech pisze na priv.", "asks privately in another language"),
    ("Ai quan tâm nhắn tin cho mình nha.", "asks privately in another language"),
]  # fmt: skip


READERS_WHO_BOOKED_LOST_HIRE_OR_WROTE_PRIVATELY = [
    "I booked my first session with a coach through her Calendly and it was the best thing "
    "I did this year.",
    "My first session with the coach was free through work, and it changed my one-to-ones.",
    "I lost money to an app that promised 5% a day, so I am wary of anyone selling shortcuts.",
    "My uncle put his savings into a scheme paying 2% a week; it was a Ponzi.",
    "Günlük %5 kazanç vaat eden bir uygulamada param gitti, dolandırıcılıktı.",
    "Our sign-ups grew 5% a week after we fixed onboarding, and the team finally relaxed.",
    "We're hiring two team leads this year and I will send every candidate this post.",
    "I asked candidates to send me their GitHub and it told me little about how they lead.",
    "My company gives a $500 referral bonus for every hire, and it still takes months.",
    "Mi jefa me pidió el CV actualizado y este artículo me ayudó a escribirlo.",
    "Mein Erstgespräch mit der Coachin war kostenlos, und danach habe ich gebucht.",
    "We trade links to articles like this one in our team Slack every Friday.",
    "Our attrition fell by 2% a month once the leads started holding real one-to-ones.",
    "Saluti da Torino, dove guido un team di dieci persone in una pasticceria.",
    "Greetings from a dental clinic in Leeds, where I manage six nurses.",
    "Şirketim eğitime indirimli katılmamı sağladı, ama en çok bu yazı işe yaradı.",
    "Hola a todos, busco consejos para mi primer equipo de cinco personas.",
    "Ищу хорошую книгу о делегировании, посоветуйте, пожалуйста.",
    "Mój szef napisał mi na priv, że ten tekst mu pomógł.",
    "My first month as a manager was free of big decisions, and then it all came at once.",
    "La primera reunión fue difícil, pero la segunda ya salió mejor.",
    "I check my calendar app before every one-to-one now, and it helps.",
    "All these crypto comments under a post about burnout; maybe switch on moderation?",
    "Groeten uit Utrecht, van een nieuwe teamleider bij een adviesbureau.",
]


# Kinds the sixth blind set's misses showed (read after it was scored; it is development data
# now), each kept only if the choosing rule preferred it. Written here, not copied from it.
ROUND7_KINDS = [
    ("Would you be interested in having your essays translated into Portuguese? We can send "
     "samples today.", "pitches the owner a paid service"),
    ("Loved it. We published a long guide on this same topic; would you be open to linking to "
     "it from this post? Happy to return the favour.", "pitches the owner a paid service"),
    ("Our show on team leadership would love you as a guest, this would make a great episode. "
     "Could you share your email so our producer can book you?",
     "pitches the owner a paid service"),
    ("Do you accept sponsored reviews? We would send our planner app plus a fee.",
     "pitches the owner a paid service"),
    ("Your site is slow on phones. With 9 years of experience I can make it load in under two "
     "seconds, shall I send my portfolio?", "pitches the owner a paid service"),
    ("Got the feedback card deck from Cardwise and our leads use it daily. 10/10 seller!",
     "vouches for a seller it bought from"),
    ("Took the Calm Lead course from Coach Ana, worth every cent, buying the advanced version "
     "next month.", "vouches for a seller it bought from"),
    ("Every manager should read this. Brought to you by the people at Orbitly HR, the "
     "all-in-one people platform.", "signs with a firm's slogan"),
    ("Fantastic insight, happy teams ship. The Brightwell Team", "signs with a firm's slogan"),
    ("New leads: reply \"ready\" and I'll send you my onboarding checklist.",
     "asks for a reply word"),
    ("Bas GUIDE likh ke comment karo, main bhej dunga.", "asks for a reply word"),
    ("Good news: your unclaimed inheritance payment is ready. Reply with your full name and "
     "bank details to receive it.", "promises a windfall"),
    ("Meri 5 din ki Team Lead class join karo, sirf ₹299.",
     "offers in Hinglish, Turkish, Arabic or Polish"),
    ("Yeni yöneticiler için koçluk programımıza kayıtlar başladı, DM atabilirsiniz.",
     "offers in Hinglish, Turkish, Arabic or Polish"),
    ("مقال جميل، للتسجيل في دورة القيادة تواصل معنا",
     "offers in Hinglish, Turkish, Arabic or Polish"),
    ("Szkolenie dla liderów, teraz promocja -40% z kodem TEAM40.",
     "offers in Hinglish, Turkish, Arabic or Polish"),
    ("Hello all, its pleasant article on the topic of feedback, keep it up all the time.",
     "praises like a comment bot"),
    ("Hi, what are your advertising rates for a post on this page? Name your figure.",
     "asks the owner's price for a post"),
    ("Olá! Gostaríamos de patrocinar um post no seu blog. Quanto você cobra?",
     "asks the owner's price for a post"),
    ("Chętnie opublikujemy u Pana artykuł sponsorowany, płacimy za publikację.",
     "asks the owner's price for a post"),
    ("Salí del agotamiento con la coach Marta Ruiz, búscala en Instagram.",
     "names someone to look up in another language"),
    ("Il corso di Paolo Neri mi ha cambiato, lo trovate cercando il suo nome.",
     "names someone to look up in another language"),
    ("Full plan and prices in my pinned post 📌", "points to the writer's profile"),
    ("Ich verdiene nebenbei mit einem Bot, Infos auf meinem Profil.",
     "points to the writer's profile"),
    ("The FocusBand headset is currently 35% off and changed my calls.",
     "prices a product on sale"),
    ("Forty bucks with code QUIETDESK, the best gadget I bought this year.",
     "prices a product on sale"),
    ("Snap: nora.xo", "leaves a messenger handle"),
    ("Kik me: sunny_lee92", "leaves a messenger handle"),
]  # fmt: skip


# ...and the readers each could be confused with: readers who hired a translator or a
# designer, quote a slogan they hated, name a seller they were unhappy with, or write in
# those languages. No kind above may fire on them.
ROUND7_READERS = [
    "We hired a translator for our team handbook, and it took three rounds of feedback to get "
    "the tone right.",
    "Would you be open to writing a follow-up on remote one-to-ones?",
    "I'm a web designer with 6 years in agencies and just became a team lead; this helped.",
    "Our old CEO signed every memo 'one team, one dream' and we all rolled our eyes.",
    "At my last company we said 'fail fast' and nobody meant it.",
    "The coaching course my company paid for was not worth the money, honestly.",
    "My mentor is on LinkedIn a lot, but she says the real work happens in one-to-ones.",
    "I told my report to reply 'yes' to confirm the meeting, and he never did.",
    "Maine apni team ko yeh article bheja, sab ne pasand kiya. Shukriya!",
    "Main pichhle saal team lead bana, aur yeh baatein sirf ab samajh aa rahi hain.",
    "Ekibime bu yazıyı gönderdim, detaylar için teşekkürler.",
    "شكرا على المقال، سأشاركه مع فريقي في الاجتماع القادم",
    "Świetny tekst, polecam go każdemu nowemu kierownikowi.",
    "Our client's payment is still pending, and my team is stressed about it.",
    "Hello all, I have led a team of eight for a year and this is spot on.",
    "What would be a fair price for an external coach? We were quoted 150 euros a session.",
    "Our company pays for my coach, and I asked her what she charges others; she would not say.",
    "Mi jefa me dijo: búscalo en el manual, y tenía razón.",
    "I wrote about my first year on my profile, but this says it better.",
    "Our team chat is on Telegram.",
    "I use Telegram for family and Slack for work, and I never mix them.",
    "We pay $8 per user for our survey tool and nobody reads the results.",
    "The training budget was cut 20% this year, so I coach my leads myself.",
]


# Kinds the seventh blind set's misses showed (read after it was scored; it is development data
# now), written in general terms as extensions of the kinds above and kept by the choosing
# rule: firms offering readers something free, coaches' own programmes, collaborations pitched
# to the owner, customers' testimonials, podcast and newsletter plugs, offers in Turkish,
# Indonesian and Dutch, a suspension notice, an investment testimonial, a bot's chat, a link on
# a cheap domain. Written here, not copied from it.
ROUND8_KINDS = [
    ("We make a standup bot; happy to give everyone here two months free, just mention this "
     "post.", "vouches for a seller"),
    ("Try the retro board in our free tier, it already does the start-stop-continue you "
     "describe.", "offers paid help"),
    ("The peer circle I've been running since 2020 opens again in October, and I still have "
     "three spots for the next cohort.", "offers paid help"),
    ("I cover this in week 4 of my course for new managers, which is now accredited by the "
     "ILM.", "offers paid help"),
    ("Latest episode of our show is up: two new managers on their worst week. Leave a "
     "five-star review, it helps more people find us.", "offers paid help"),
    ("The Monday Lead letter is the only one I open on time. Go sign up.", "offers paid help"),
    ("If you ever want to team up on a post about hybrid onboarding, our content lead would "
     "be thrilled.", "pitches the site's owner"),
    ("Got my standing desk from Oakline and their customer support was really helpful, "
     "already ordering a second one for the office.", "vouches for a seller it bought from"),
    ("La señora Rosa me leyó las cartas y acertó en todo, su contacto está en mi perfil.",
     "points to the writer's profile"),
    ("Gerçek takipçi almak isteyenlere en uygun fiyatlar, DM atmanız yeterli.",
     "asks in another language"),
    ("Yuk mampir ke situs kami, ada hadiah setiap hari.", "asks in another language"),
    ("Op zoek naar werk? Upload je cv en ontvang direct passende vacatures.",
     "asks in another language"),
    ("Final warning: this domain will be suspended for a policy breach unless you act within "
     "24 hours.", "writes like a bot"),
    ("hey it's me again, did you get my message? text me here lina-chat.live",
     "writes like a bot"),
    ("Withdrew 3,200 from the app on Friday, and registration takes only five minutes.",
     "promises money"),
    ("mia-dates.fun", "links only"),
    # ...and the same kinds in dev8a's and dev8b's other words (development data).
    ("Free template for new leads this week: a one-page delegation map. Start free at "
     "mapmydelegation.app", "offers paid help"),
    ("Gratis webinar voor nieuwe teamleiders op woensdag, meld je aan via de link.",
     "offers paid help"),
    ("New episode every Thursday on my podcast, Quiet Bosses. Listen now on any app.",
     "offers paid help"),
    ("We are a roofing contractor in Denver and loved this post about trust.",
     "signs as a business"),
    ("Saludos desde Pinturas Ortega, gran artículo.", "signs as a business"),
    ("Notice: the hosting for this site is unpaid. Renew your hosting here before Friday.",
     "writes like a bot"),
]  # fmt: skip


# ...and the readers each could be confused with: readers who had a free trial at work, took a
# certification, recommend a newsletter or a podcast, thank a cleaner, lost money to a crypto
# pool or got a phishing notice. None is spam.
ROUND8_READERS = [
    # free trials and tiers at work, free months of a subscription
    "Our company ran a free trial of a feedback tool last quarter and nobody used it.",
    "We stayed on the free tier of our survey app for a year before the budget came through.",
    "My gym gave me three months free and I still only went twice, like my one-to-ones.",
    "HR offered every new manager a free place on the leadership course, and I took it.",
    # certifications taken, programmes joined, workshops run for one's own team
    "I took an ICF-accredited certification last year and module 3 covered exactly this.",
    "The workshop I ran for my own team last month used your three questions.",
    "The mastermind I joined in 2022 was the only place I could admit I was struggling.",
    "My certification for project managers counted for 20 PDU hours, and this post taught me more.",
    "We still have two spots on the team to fill, and I dread the interviews.",
    # newsletters and podcasts recommended, one's own episode mentioned
    "I found this through a newsletter a colleague forwards me every Friday.",
    "There is a good episode of HBR IdeaCast on this, give it a listen if you have a commute.",
    "I talked about my first year as a lead on our internal podcast; this says it better.",
    "If you aren't subscribed to this blog yet, you are missing the best writing on management.",
    # delivery, service and sellers in a reader's story; a cleaner thanked
    "I ordered the book you recommended and it arrived in two days, reading it on the train now.",
    "Customer service was friendly when I called about my order, but the product was broken.",
    "Greetings from Melbourne, where I lead a team of eight cleaners.",
    "Thank you to our office cleaner, Rosa, who taught me that everyone notices a hello.",
    "My mother went to a psychic once and said it was cheaper than therapy; I prefer a coach.",
    "Mi jefe dice que debería ser vidente para saber lo que quiere.",
    # collaboration and partnerships in a reader's job
    "I'm the partnerships lead at a small nonprofit and this is how I felt in my first year.",
    "Would love to see you collaborate with other coaches on a series about remote teams.",
    # copyright, suspension, crypto and money in readers' stories
    "Someone filed a copyright complaint against our team wiki last year; it was a mess.",
    "I got an email saying my site would be suspended unless I paid; it was phishing, of course.",
    "A friend put 2,000 into a crypto staking pool and lost all of it in a week.",
    "I withdrew from the promotion race after reading this, and I am happier.",
    # chats and phones
    "Did you get my email about the workshop? I sent it to the address on the About page.",
    "My phone is almost dead but I had to finish reading this on the bus.",
    # other languages
    "Harika bir yazı, ekibime gönderdim. En uygun zamanda uygulayacağım.",
    "Artikel yang bagus, saya mampir ke sini setiap minggu.",
    "Goed artikel! Ik heb mijn cv aangepast na het lezen.",
    "Lo compartí en mi perfil de LinkedIn, muy útil para mi equipo.",
    # free webinars attended, podcasts listened to, agencies worked at, renewals and parcels
    "I attended a free webinar on feedback last spring and this post covered more in five minutes.",
    "Our tool is free for nonprofits, which is why my charity uses it; the habits matter more.",
    "I listen on Spotify while walking the dog, and your essays would make a good podcast.",
    "My podcast habit started with a show on management; now I read more than I listen.",
    "We're a small agency in Leeds and I lead the design team; this landed hard.",
    "Grüße von einer Teamleiterin aus Köln, danke für den Text!",
    "Our domain expires next month and nobody on my team knows who owns the account.",
    "I had to renew my passport and it took longer than my first year as a manager.",
    "Our invoice number 2231 is overdue at the supplier and my boss blames me, not the process.",
    "I got shortlisted for a team lead role last year and this is what I wish I had read.",
    "The parcel could not be delivered twice, and I thought of my one-to-ones that keep moving.",
]


READERS = [
    *BRIEF_PRAISE,
    *READERS_NAMING_MONEY_WORK_OR_TEAM,
    *READERS_NAMING_A_BOOK_IN_ANY_LANGUAGE,
    *READERS_NAMING_A_COMPANY_PRICE_OR_READER,
    *READERS_WHO_BOOKED_LOST_HIRE_OR_WROTE_PRIVATELY,
    *ROUND7_READERS,
    *ROUND8_READERS,
]
RULE_KINDS = [*SELLER_AND_BUSINESS_KINDS, *ROUND6_KINDS, *ROUND7_KINDS, *ROUND8_KINDS]


@pytest.mark.parametrize("body", READERS)
def test_readers_are_not_spam(body):
    verdict = score(body, Context(title=TITLE))
    assert not verdict.is_spam, verdict.reason


@pytest.mark.parametrize("body", ROUND7_READERS)
def test_no_kind_of_the_seventh_round_names_the_readers_it_could_be_confused_with(body):
    named = set(score(body, rules_only=True).reason.split(", "))
    assert not named & {kind for _, kind in ROUND7_KINDS}


@pytest.mark.parametrize(("body", "kind"), RULE_KINDS)
def test_the_rules_name_each_kind_they_were_kept_for(body, kind):
    assert kind in score(body, rules_only=True).reason


def row(video_recall, video_rate, blog_real_filed=0, blog_recall=0.9):
    """One line of the cross-validated table spam-train chooses from."""
    return {"video_recall": video_recall, "video_false_positive_rate": video_rate,
            "blog_real_filed": blog_real_filed, "blog_recall": blog_recall}  # fmt: skip


def test_the_setting_kept_has_the_best_video_recall_within_the_video_false_positive_limit():
    table = {(1e-4, 0.01): row(0.85, 0.008), (1e-4, 0.02): row(0.93, 0.012),
             (3e-4, 0.01): row(0.89, 0.010), (3e-4, 0.005): row(0.89, 0.004)}  # fmt: skip
    assert spam_training.choose(table) == (3e-4, 0.005)  # a tie goes to the smaller budget


def test_the_setting_kept_files_no_real_blog_comment_then_has_the_best_blog_recall():
    table = {(1e-4, 0.005): row(0.95, 0.003, blog_real_filed=1, blog_recall=0.99),
             (1e-4, 0.01): row(0.90, 0.004, blog_real_filed=0, blog_recall=0.95),
             (3e-4, 0.01): row(0.93, 0.004, blog_real_filed=0, blog_recall=0.93),
             (3e-4, 0.02): row(0.96, 0.015, blog_real_filed=0, blog_recall=0.97)}  # fmt: skip
    assert spam_training.choose(table) == (1e-4, 0.01)


def test_when_no_setting_keeps_to_the_video_limit_the_best_at_the_lowest_rate_is_kept():
    table = {(1e-4, 0.005): row(0.86, 0.018), (1e-4, 0.01): row(0.90, 0.018),
             (1e-4, 0.02): row(0.94, 0.022)}  # fmt: skip
    assert spam_training.choose(table) == (1e-4, 0.01)


def test_the_setting_kept_catches_no_less_of_the_video_than_main_s_setting():
    """The sixth round's higher penalty filed one real blog comment fewer but caught less of
    the video, then fell under the target on the held-out one: a floor on video recall."""
    table = {(3e-5, 0.0): row(0.82, 0.006, blog_real_filed=3, blog_recall=0.74),
             (1e-4, 0.0): row(0.81, 0.006, blog_real_filed=2, blog_recall=0.72),
             (3e-5, 0.005): row(0.91, 0.006, blog_real_filed=10, blog_recall=0.81)}  # fmt: skip
    assert spam_training.choose(table) == (1e-4, 0.0)
    assert spam_training.choose(table, video_recall_floor=0.82) == (3e-5, 0.0)


def test_cross_validation_holds_each_blog_set_out_whole_and_deals_the_video_over_the_folds():
    """Grouped by set, as a blind set is: no writer's phrasings on both sides of a split."""
    blog = [spam_training.Example(f"{name} {n}", n % 2 == 0, "blog", source=name)
            for name in ("a.json", "b.json", "c.json") for n in range(3)]  # fmt: skip
    video = [spam_training.Example(f"video {n}", False, "A video") for n in range(7)]
    folds = spam_training.outer_folds(video[:4] + blog + video[4:])
    assert folds[4:13] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert folds[:4] + folds[13:] == [0, 1, 2, 0, 1, 2, 0]


def test_cross_validation_scores_each_setting_as_the_whole_scorer_does():
    """The rules run once per comment in cross-validation: each setting's verdicts are still
    those of `score` with that fold's model and cut."""
    comments = spam_training.read_own()
    development = [
        replace(e, source=f"set{n % 3}.json") for n, e in enumerate(comments[:45] + comments[-45:])
    ]
    _, found = spam_training.cross_validated(development)
    folds = spam_training.outer_folds(development)
    for (l2, budget), flagged in found.items():
        expected = []
        for fold in range(3):
            inner = [e for e, f in zip(development, folds, strict=True) if f != fold]
            outer = [e for e, f in zip(development, folds, strict=True) if f == fold]
            weights, bias = spam_training.fit(inner, l2)
            probabilities = spam_training.out_of_fold(inner, l2)
            cut = spam_training.cut_for(inner, probabilities, budget)
            expected += spam_training.flags(outer, SpamModel(weights, bias, cut))
        assert flagged == expected, (l2, budget)
    assert sum(found[spam_training.CHOSEN]) > 0


def test_training_is_deterministic():
    """`invoke spam-train` run twice ships the same weights: no random start, no sampling."""
    comments = spam_training.read_own()
    first, again = spam_training.fit(comments), spam_training.fit(comments)
    assert np.array_equal(first[0], again[0])
    assert first[1] == again[1]
    assert np.count_nonzero(first[0])  # it learnt something


@pytest.fixture(scope="module")
def shipped_model() -> SpamModel:
    """The model `invoke spam-train` ships, fitted once (10-15 s) for the two tests below."""
    return spam_training.shipped(spam_training.read_jsonl(DEV_SET), *spam_training.CHOSEN)


@pytest.mark.skipif(not DEV_SET.is_file(), reason="the public development set is not here")
def test_on_comments_never_tuned_on(shipped_model):
    """The model fitted on the development data with the setting cross-validation chose, as
    `invoke spam-train` ships it; score the other video and the ninth blind blog set (README
    figures)."""
    development, held_video = spam_training.split(spam_training.read_jsonl(DEV_SET))
    assert {e.source for e in development} >= {p.name for p in spam_training.BLOG_SETS}
    model = shipped_model
    video = spam_training.figures(held_video, model)
    blind = spam_training.figures(spam_training.read_own(spam_training.HELD_OUT_BLOG), model)
    # Scored once (README): 139 of 173 with 1 real; blind9 blog 64 of 72 with none of 97 real
    # (blind8: 54 of 65). The video meets its targets; the blind set's recall does not (0.89):
    # these hold the line.
    assert video["recall"] >= 0.8
    assert video["false_positive_rate"] <= 0.02
    assert blind["caught"] >= 64
    assert blind["real_filed_as_spam"] == 0
    assert spam_training.figures(held_video, None)["recall"] < video["recall"]


def test_a_reader_asking_the_author_a_question_is_not_spam():
    """Mira's pending comment in the sample content: in no training set and named by no rule,
    so this follows from general training only (an earlier model, fitted without our longer
    reader comments, filed it as spam at 0.62). If a refit flags it, add more genuine comments
    to labelled_comments.json rather than this one."""
    path = ROOT / "content/comments/should-i-join-the-leadership-programme/01-mira.md"
    body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert not score(body, Context(title="Should I join the leadership programme?")).is_spam


@pytest.mark.skipif(not DEV_SET.is_file(), reason="the public development set is not here")
def test_spam_train_writes_the_shipped_model_byte_for_byte(tmp_path, shipped_model):
    """The shipped spam_model.npz is what `invoke spam-train` fits from the data in git, with
    the setting cross-validation chose: anyone can rebuild it and get the same bytes."""
    refit = tmp_path / "spam_model.npz"
    shipped_model.save(refit)
    assert refit.read_bytes() == MODEL_FILE.read_bytes()
