"""Articles of the Donauländer Tagblatt, a fictional German-language daily from Linz."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .model import Outlet, OutletArticle

VIENNA = timezone(timedelta(hours=1), "CET")

ARTICLES: tuple[OutletArticle, ...] = (
    OutletArticle(
        slug="donau-hochwasser-linz-passau",
        title="Donau-Hochwasser: Linz und Passau rüsten sich für den Scheitel",
        standfirst=(
            "Nach tagelangem Dauerregen im Bayerischen Wald und im Mühlviertel steigt die Donau "
            "rasant. In Linz stehen die mobilen Schutzwände, im Eferdinger Becken wurden die "
            "ersten Häuser geräumt."
        ),
        author="Katharina Hollerer",
        section="Lokales",
        published=datetime(2026, 11, 17, 6, 45, tzinfo=VIENNA),
        modified=datetime(2026, 11, 17, 18, 20, tzinfo=VIENNA),
        body_html=(
            "<p>Die Donau ist über Nacht zum reißenden Strom geworden. Am Pegel Linz wurden am "
            "Dienstag um 5 Uhr früh 6,82 Meter gemessen, fast doppelt so viel wie im "
            "Jahresmittel. Der Hydrographische Dienst des Landes rechnet damit, dass der "
            "Scheitel in der Nacht auf Mittwoch bei rund 7,90 Metern erreicht wird. „Das ist "
            "kein Jahrhunderthochwasser, aber es ist ernst“, sagte Landesfeuerwehrkommandant "
            "Gerhard Pühringer bei einer Lagebesprechung in der Landeswarnzentrale.</p>\n"
            "<p>Ursache sind ergiebige Niederschläge, die seit Freitag über dem Bayerischen "
            "Wald, dem Böhmerwald und dem Mühlviertel niedergegangen sind. An manchen "
            "Messstellen fielen binnen 72 Stunden mehr als 180 Liter pro Quadratmeter. Inn, Ilz "
            "und Große Mühl führen ebenfalls Hochwasser, was die Lage an der Donau zusätzlich "
            "verschärft.</p>\n"
            "<h2>Mobile Wände an der Donaulände</h2>\n"
            "<p>In Linz haben Feuerwehr und Bauhof in der Nacht die mobilen Schutzelemente an "
            "der Donaulände in Urfahr aufgebaut. Rund 1,4 Kilometer Aluminiumwand sollen das "
            "Ufer bis zu einem Pegel von 8,50 Metern sichern. Das Urfahraner Marktgelände ist "
            "gesperrt, ebenso die Uferpromenade zwischen Nibelungenbrücke und "
            "Eisenbahnbrücke.</p>\n"
            "<p>Bürgermeister Clemens Hartlauer rief die Bevölkerung auf, Keller und Tiefgaragen "
            "in Ufernähe zu räumen und Fahrzeuge auf höher gelegene Parkplätze zu bringen. „Wer "
            "sein Auto noch in einer Tiefgarage am Fluss stehen hat, sollte es bis Mittag "
            "holen“, sagte Hartlauer. Die Linz AG hat vorsorglich zwei Umspannstationen in "
            "Alt-Urfahr abgeschaltet.</p>\n"
            "<h2>Evakuierungen im Eferdinger Becken</h2>\n"
            "<p>Deutlich angespannter ist die Lage flussaufwärts. Im Eferdinger Becken, das "
            "schon 2013 schwer getroffen wurde, mussten in Goldwörth, Feldkirchen und Pupping "
            "bis Dienstagfrüh 340 Menschen ihre Häuser verlassen. Sie kamen bei Verwandten oder "
            "in einer Notunterkunft in der Mittelschule Eferding unter. Das Bundesheer hat 120 "
            "Soldatinnen und Soldaten in Bereitschaft versetzt.</p>\n"
            "<p>Folgende Verbindungen sind nach Angaben der Behörden derzeit unterbrochen:</p>\n"
            "<ul>\n"
            "<li>die B130 zwischen Aschach und Wilhering,</li>\n"
            "<li>die Donaufähre Ottensheim–Wilhering,</li>\n"
            "<li>der Donauradweg zwischen Passau und Mauthausen auf weiten Strecken,</li>\n"
            "<li>der Schiffsverkehr auf der gesamten oberösterreichischen Donau.</li>\n"
            "</ul>\n"
            "<h2>Passau erwartet mehr als neun Meter</h2>\n"
            "<p>Auch im bayerischen Passau spitzt sich die Lage zu. Die Stadt rechnet mit einem "
            "Höchststand von 9,10 Metern am Pegel Passau-Donau; die Altstadt zwischen "
            "Rathausplatz und Ortspitze steht bereits teilweise unter Wasser. Ab 8,50 Metern "
            "gilt in Passau die höchste Meldestufe vier.</p>\n"
            "<p>Aktuelle Pegelstände veröffentlicht das Land auf seinem <a "
            'href="https://hydro.ooe.example/pegel/donau">Hydrographie-Portal</a>. Die '
            "Einsatzkräfte rechnen damit, dass die Donau ab Donnerstag langsam zurückgeht. Für "
            "eine Entwarnung sei es aber zu früh, heißt es aus der Landeswarnzentrale: Für das "
            "Wochenende sind im Alpenvorland erneut kräftige Niederschläge angekündigt.</p>\n"
            "<p><em>Aktualisiert um 18.20 Uhr:</em> Der Pegel Linz lag am Abend bei 7,41 Metern. "
            "Die Feuerwehr hat in Alt-Urfahr zusätzliche Sandsäcke verteilt, die Notunterkunft "
            "in Eferding ist mit 85 Personen belegt.</p>"
        ),
        path="/lokales/2026/11/17/donau-hochwasser-linz-passau.html",
        event="danube-flood",
        wire_id=None,
    ),
    OutletArticle(
        slug="ezb-senkt-leitzins",
        title="EZB senkt Leitzins auf 1,75 Prozent – Sparer gehen wieder leer aus",
        standfirst=(
            "Die Europäische Zentralbank reagiert auf die schwache Konjunktur im Euroraum und "
            "senkt den Einlagenzins um einen Viertelprozentpunkt. Für Kreditnehmer ist das eine "
            "gute Nachricht, für Sparbuchbesitzer eine schlechte."
        ),
        author="Markus Steinbichler",
        section="Wirtschaft",
        published=datetime(2026, 11, 19, 14, 40, tzinfo=VIENNA),
        modified=datetime(2026, 11, 19, 17, 5, tzinfo=VIENNA),
        body_html=(
            "<p>Die Europäische Zentralbank (EZB) hat ihren Leitzins erneut gesenkt. Der "
            "Einlagensatz, zu dem Geschäftsbanken überschüssiges Geld bei der Notenbank parken, "
            "sinkt mit Wirkung ab 25. November von 2,00 auf 1,75 Prozent. Das teilte der EZB-Rat "
            "am Donnerstag nach seiner Sitzung in Frankfurt mit. Es ist die erste Zinssenkung "
            "seit dem Frühjahr.</p>\n"
            "<p>Die Notenbank begründete den Schritt mit der schwachen Wirtschaftsentwicklung im "
            "Euroraum. Die Industrieproduktion sei im dritten Quartal erneut geschrumpft, die "
            "Inflation liege mit zuletzt 1,8 Prozent etwas unter dem Zielwert von zwei Prozent. "
            "„Die Risiken für das Wachstum sind nach unten gerichtet“, hieß es in der Erklärung "
            "des Rates. Weitere Schritte hänge man von den Daten ab, eine Festlegung gebe es "
            "nicht.</p>\n"
            "<h2>Ökonomen hatten mit dem Schritt gerechnet</h2>\n"
            "<p>An den Finanzmärkten kam die Entscheidung nicht überraschend. Die Mehrheit der "
            "Analysten hatte mit einer Senkung um einen Viertelprozentpunkt gerechnet, einige "
            "hatten sogar einen größeren Schritt für möglich gehalten. Der Euro gab nach der "
            "Mitteilung leicht nach und notierte am Nachmittag bei 1,07 US-Dollar.</p>\n"
            "<p>„Die EZB tut das Nötige, aber sie kommt spät“, sagt Herbert Kainz, Chefvolkswirt "
            "der Donauland Bank. Die heimische Industrie leide seit Monaten unter schwacher "
            "Nachfrage aus Deutschland und hohen Energiekosten. Eine Zinssenkung allein werde "
            "daran wenig ändern, sie erleichtere aber Investitionen, die bisher aufgeschoben "
            "worden seien.</p>\n"
            "<h2>Was die Entscheidung für Haushalte bedeutet</h2>\n"
            "<p>Für Österreicherinnen und Österreicher hat die Zinssenkung unterschiedliche "
            "Folgen:</p>\n"
            "<ul>\n"
            "<li><strong>Kredite:</strong> Wer einen variabel verzinsten Wohnkredit hat, zahlt "
            "ab dem nächsten Anpassungstermin weniger. Bei 200.000 Euro Restschuld macht das "
            "rund 40 Euro im Monat aus.</li>\n"
            "<li><strong>Sparbuch:</strong> Banken dürften die Zinsen für täglich fällige "
            "Einlagen rasch senken. Viele Institute bieten schon jetzt weniger als ein "
            "Prozent.</li>\n"
            "<li><strong>Fixzinsen:</strong> Die Zinsen für neue Fixzinskredite sind bereits in "
            "den vergangenen Wochen gefallen, weil die Märkte den Schritt vorweggenommen "
            "hatten.</li>\n"
            "</ul>\n"
            "<p>Verbraucherschützer raten Sparern, Angebote zu vergleichen und kurzfristige "
            "Festgelder zu prüfen. „Wer jetzt für ein oder zwei Jahre bindet, sichert sich noch "
            "Zinsen über zwei Prozent“, sagt Birgit Sonnleitner von der Arbeiterkammer "
            "Oberösterreich.</p>\n"
            "<h2>Exportwirtschaft atmet auf</h2>\n"
            "<p>Erleichtert zeigte sich die Industrie. Der Linzer Anlagenbauer Voraus Technik, "
            "der knapp zwei Drittel seines Umsatzes im Euroraum macht, spricht von einem "
            "„wichtigen Signal“. Billigeres Geld mache Investitionen der Kunden leichter "
            "finanzierbar. Ob die Aufträge tatsächlich anziehen, werde sich aber erst im "
            "Frühjahr zeigen.</p>\n"
            "<p>Die nächste Zinssitzung des EZB-Rates ist für Mitte Dezember angesetzt. Dann "
            "legt die Notenbank auch neue Prognosen für Wachstum und Inflation vor.</p>"
        ),
        path="/wirtschaft/2026/11/19/ezb-senkt-leitzins.html",
        event="ecb-rate-decision",
        wire_id=None,
    ),
    OutletArticle(
        slug="bahnstreik-deutschland-oebb",
        title="Lokführerstreik in Deutschland: Keine Railjets nach München",
        standfirst=(
            "Ein 48-stündiger Streik der deutschen Lokführer legt den Fernverkehr im Nachbarland "
            "weitgehend lahm. Auch Pendler und Reisende aus Oberösterreich müssen umplanen."
        ),
        author="Theresa Aigner",
        section="Wirtschaft",
        published=datetime(2026, 11, 12, 5, 50, tzinfo=VIENNA),
        modified=datetime(2026, 11, 12, 12, 30, tzinfo=VIENNA),
        body_html=(
            "<p>Wer in den kommenden zwei Tagen mit dem Zug nach Deutschland fahren will, "
            "braucht Geduld oder einen Plan B. Seit Donnerstag, 2 Uhr früh, streiken die "
            "Lokführer der Deutschen Bahn im Personen- und Güterverkehr. Der Ausstand soll bis "
            "Samstag, 2 Uhr, dauern. Die Gewerkschaft fordert eine Lohnerhöhung von 8,5 Prozent "
            "und eine Verkürzung der Wochenarbeitszeit für Schichtarbeiter.</p>\n"
            "<p>Die ÖBB haben ihren Fahrplan bereits am Mittwochabend angepasst. Railjets und "
            "ICE-Verbindungen von Wien und Linz nach München, Frankfurt und Berlin enden oder "
            "beginnen bis auf Weiteres in Salzburg beziehungsweise Passau. Auch die Nightjets "
            "nach Hamburg und Düsseldorf fallen in beiden Nächten aus.</p>\n"
            "<h2>Pendler im Innviertel besonders betroffen</h2>\n"
            "<p>Besonders hart trifft der Streik die Pendlerinnen und Pendler im Grenzgebiet. "
            "Die Regionalzüge zwischen Braunau und Simbach sowie zwischen Schärding und Passau "
            "werden von deutschen Lokführern gefahren und stehen still. Nach Angaben der "
            "Wirtschaftskammer pendeln täglich rund 9.000 Oberösterreicher zur Arbeit nach "
            "Bayern.</p>\n"
            "<p>„Ich fahre jetzt mit dem Auto, aber in Passau findet man ab sieben Uhr keinen "
            "Parkplatz mehr“, erzählt Andrea Humer aus Schärding, die in einem Passauer "
            "Krankenhaus als Pflegerin arbeitet. Ihr Arbeitgeber habe angeboten, Dienste zu "
            "tauschen, für viele Kolleginnen sei das aber keine Lösung.</p>\n"
            "<h2>Güterverkehr stockt</h2>\n"
            "<p>Auch die heimische Industrie spürt den Ausstand. Der Güterverkehr über die "
            "Grenze läuft nur eingeschränkt, weil in Deutschland kaum Züge übernommen werden. "
            "Die Rail Cargo Austria hat nach eigenen Angaben rund 60 Züge vorübergehend auf "
            "Abstellgleisen in Wels und Linz geparkt. „Zwei Tage kann man überbrücken, eine "
            "Woche nicht“, heißt es aus dem Logistikzentrum eines großen Linzer "
            "Industriebetriebs.</p>\n"
            "<p>Was Reisende jetzt wissen sollten:</p>\n"
            "<ul>\n"
            "<li>Bereits gekaufte Tickets für betroffene Verbindungen können kostenlos storniert "
            "oder bis zu sieben Tage nach Streikende genutzt werden.</li>\n"
            "<li>Die ÖBB setzen zwischen Salzburg und Freilassing Ersatzbusse ein.</li>\n"
            "<li>Fahrgastrechte gelten auch bei Streik: Ab 60 Minuten Verspätung wird ein "
            "Viertel des Fahrpreises erstattet.</li>\n"
            "</ul>\n"
            "<h2>Keine Einigung in Sicht</h2>\n"
            "<p>Die Fronten zwischen Gewerkschaft und Bahn sind verhärtet. Die Deutsche Bahn "
            "nannte den Streik „unverhältnismäßig“ und verwies auf ein Angebot von 5,2 Prozent "
            "mehr Lohn über 26 Monate. Gewerkschaftschef Rainer Vossberg wies das zurück: Das "
            "Angebot gleiche nicht einmal die Teuerung der vergangenen Jahre aus. Er schloss "
            "weitere Streiks vor Weihnachten nicht aus.</p>\n"
            "<p>Die Wirtschaftskammer Oberösterreich forderte beide Seiten auf, rasch an den "
            "Verhandlungstisch zurückzukehren. Jeder Streiktag koste die exportorientierte "
            "Industrie des Landes Millionen, weil Vorprodukte nicht rechtzeitig ankämen und "
            "fertige Waren in den Werkshallen liegen blieben.</p>\n"
            "<p><em>Nachtrag, 12.30 Uhr:</em> Nach Angaben der ÖBB verkehren die Ersatzbusse "
            "zwischen Salzburg und Freilassing inzwischen im Halbstundentakt.</p>"
        ),
        path="/wirtschaft/2026/11/12/bahnstreik-deutschland-oebb.html",
        event="rail-strike",
        wire_id=None,
    ),
    OutletArticle(
        slug="kiew-wiederaufbaukonferenz",
        title=(
            "Wiederaufbaukonferenz in Kiew: Europa sagt 14 Milliarden Euro für das Stromnetz zu"
        ),
        standfirst=(
            "In der ukrainischen Hauptstadt haben die europäischen Staaten neue Hilfen für "
            "Kraftwerke und Leitungen zugesagt. Österreich beteiligt sich mit Know-how bei "
            "Wasserkraft und Netztechnik."
        ),
        author="Johannes Riedl",
        section="Welt",
        published=datetime(2026, 11, 20, 17, 5, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Unter strengen Sicherheitsvorkehrungen sind am Freitag in Kiew Vertreter von "
            "mehr als 40 Staaten und internationalen Organisationen zusammengekommen, um über "
            "den Wiederaufbau der ukrainischen Energieversorgung zu beraten. Am Ende der "
            "eintägigen Konferenz standen Zusagen über 14 Milliarden Euro, verteilt auf die "
            "kommenden drei Jahre. Der Großteil des Geldes kommt von der Europäischen Union, der "
            "Europäischen Investitionsbank und einzelnen Mitgliedstaaten.</p>\n"
            "<p>Die ukrainische Regierung hatte im Vorfeld einen Bedarf von mehr als 30 "
            "Milliarden Euro allein für das Stromnetz beziffert. Zahlreiche Kraftwerke, "
            "Umspannwerke und Fernleitungen sind in den vergangenen Jahren zerstört oder schwer "
            "beschädigt worden. „Jeder Euro, der heute in unser Netz fließt, ist ein Euro für "
            "Schulen, Spitäler und Fabriken, die im Winter nicht stillstehen“, sagte der "
            "ukrainische Energieminister Taras Hnatiuk zum Auftakt.</p>\n"
            "<h2>Dezentrale Versorgung als Schwerpunkt</h2>\n"
            "<p>Anders als bei früheren Konferenzen geht es diesmal weniger um große "
            "Kraftwerksblöcke als um eine dezentrale Versorgung. Kleinere Gaskraftwerke, "
            "Solarparks mit Speichern und Wärmepumpen für Fernwärmenetze sollen das System "
            "widerstandsfähiger machen. Rund ein Drittel der Mittel ist für solche Projekte "
            "vorgesehen, ein weiteres Drittel für die Reparatur von Hochspannungsleitungen und "
            "die Anbindung an das europäische Verbundnetz.</p>\n"
            "<p>Österreich sagte 180 Millionen Euro zu, zum größten Teil in Form von Garantien "
            "für heimische Unternehmen, die in der Ukraine tätig werden. Wirtschaftsministerin "
            "Verena Haslinger, die mit einer Delegation von 22 Firmen nach Kiew gereist war, "
            "verwies auf die Erfahrung österreichischer Betriebe bei Wasserkraft und "
            "Netztechnik. „Unsere Unternehmen können hier helfen, und sie wollen es auch“, sagte "
            "Haslinger.</p>\n"
            "<h2>Auch ein Linzer Unternehmen unterzeichnet</h2>\n"
            "<p>Unter den Firmen war auch der Linzer Transformatorenhersteller Elmag "
            "Netztechnik. Das Unternehmen unterzeichnete in Kiew eine Absichtserklärung über die "
            "Lieferung von zwölf Großtransformatoren an den staatlichen Netzbetreiber. Der "
            "Auftragswert liegt nach Angaben aus Firmenkreisen bei rund 70 Millionen Euro. "
            "„Transformatoren sind der Engpass beim Wiederaufbau, die Lieferzeiten betragen "
            "weltweit zwei Jahre“, sagte Geschäftsführerin Sandra Mittermayr.</p>\n"
            "<p>Kritik kam von Hilfsorganisationen. Sie bemängelten, dass ein erheblicher Teil "
            "der Zusagen aus Krediten und Garantien bestehe, nicht aus Zuschüssen. „Die Ukraine "
            "kann sich nicht unbegrenzt verschulden“, sagte eine Sprecherin der "
            "Nichtregierungsorganisation Energy Bridge Europe. Zudem sei offen, wie schnell das "
            "Geld tatsächlich fließe: Von den Zusagen der Konferenz im Vorjahr seien bisher erst "
            "rund 60 Prozent ausbezahlt worden.</p>\n"
            "<p>Die nächste Wiederaufbaukonferenz soll im Frühjahr in Warschau stattfinden. Dort "
            "soll es um Wohnbau und die Wasserversorgung gehen.</p>"
        ),
        path="/welt/2026/11/20/kiew-wiederaufbaukonferenz.html",
        event="kyiv-reconstruction",
        wire_id=None,
    ),
    OutletArticle(
        slug="raumsonde-halcyon-wassereis",
        title="Raumsonde „Halcyon“ findet Hinweise auf Wassereis in einem Asteroiden",
        standfirst=(
            "Die europäische Sonde hat unter der Oberfläche des Asteroiden Velmira gefrorenes "
            "Wasser aufgespürt. Ein Messgerät aus Graz war an der Entdeckung maßgeblich beteiligt."
        ),
        author="Elisabeth Pointner",
        section="Wissenschaft",
        published=datetime(2026, 11, 14, 10, 15, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Es ist eine Entdeckung, mit der nur wenige Fachleute gerechnet hatten: Die "
            "europäische Raumsonde „Halcyon“ hat deutliche Hinweise auf Wassereis im Inneren des "
            "Asteroiden Velmira gefunden. Das gab die Europäische Weltraumorganisation ESA am "
            "Freitagabend im Kontrollzentrum in Darmstadt bekannt. Der Himmelskörper mit einem "
            "Durchmesser von rund 1,9 Kilometern galt bisher als trockener Gesteinsbrocken.</p>\n"
            "<p>„Halcyon“ umkreist Velmira seit August in einem Abstand von wenigen Kilometern. "
            "Die Sonde war im Frühjahr 2023 gestartet und hatte auf ihrem Weg zweimal Schwung an "
            "der Erde geholt. Ziel der Mission ist es, mehr über die Zusammensetzung erdnaher "
            "Asteroiden zu lernen – auch im Hinblick auf eine mögliche Nutzung von Rohstoffen im "
            "All.</p>\n"
            "<h2>Radar blickt 40 Meter tief</h2>\n"
            "<p>Entscheidend für den Fund war ein Radargerät, das bis zu 40 Meter tief unter die "
            "Oberfläche blicken kann. In mehreren Durchgängen über die Nordhalbkugel des "
            "Asteroiden registrierte es in 10 bis 25 Metern Tiefe Schichten, die Radarwellen auf "
            "eine Weise reflektieren, wie es für Eis typisch ist. Ein Neutronenspektrometer an "
            "Bord bestätigte einen erhöhten Wasserstoffanteil in derselben Region.</p>\n"
            "<p>Das Spektrometer wurde maßgeblich am Grazer Institut für Weltraumforschung "
            "entwickelt. „Wir haben die Daten anfangs selbst nicht geglaubt und jede Messung "
            "dreimal geprüft“, sagt die Physikerin Miriam Auer, die das Grazer Team leitet. Nach "
            "ihren Berechnungen könnten in den gefundenen Schichten bis zu drei Millionen Tonnen "
            "Eis gebunden sein, vermischt mit Staub und Gestein.</p>\n"
            "<h2>Überraschung für die Forschung</h2>\n"
            "<p>Die Entdeckung wirft Fragen auf. Velmira kreist auf einer Bahn, die ihn der "
            "Sonne bis auf rund 120 Millionen Kilometer nähert. Eis an der Oberfläche wäre dort "
            "längst verdampft. Dass es in der Tiefe überdauert hat, spricht nach Ansicht der "
            "Forschenden für eine isolierende Staubschicht und dafür, dass der Asteroid "
            "ursprünglich aus dem äußeren Sonnensystem stammt.</p>\n"
            "<p>Die wichtigsten Fakten zur Mission:</p>\n"
            "<ul>\n"
            "<li>Start: März 2023 mit einer Ariane-6-Rakete aus Kourou</li>\n"
            "<li>Ankunft bei Velmira: August 2026</li>\n"
            "<li>Instrumente: Kamera, Radar, Neutronen- und Infrarotspektrometer</li>\n"
            "<li>Missionsende: voraussichtlich Ende 2027</li>\n"
            "</ul>\n"
            "<p>Für das kommende Frühjahr ist ein besonderer Höhepunkt geplant: Die Sonde soll "
            "sich der Oberfläche bis auf 200 Meter nähern und mit einem kleinen Projektil "
            "Material aufwirbeln, das dann spektroskopisch untersucht wird. „Wenn wir dabei Eis "
            "nachweisen, ist die Sache endgültig“, sagt Auer. Die Ergebnisse der bisherigen "
            "Messungen sollen im Jänner in einer Fachzeitschrift erscheinen.</p>\n"
            "<p>Für die österreichische Weltraumforschung ist die Entdeckung ein besonderer "
            "Erfolg. Das Grazer Team hatte fast zehn Jahre an dem Spektrometer gearbeitet, das "
            "unter extremen Temperaturschwankungen zuverlässig messen muss.</p>\n"
            "<p>Weitere Informationen zur Mission finden sich auf der <a "
            'href="https://www.esa.example/halcyon">Missionsseite der ESA</a>.</p>'
        ),
        path="/wissenschaft/2026/11/14/raumsonde-halcyon-wassereis.html",
        event="halcyon-probe",
        wire_id=None,
    ),
    OutletArticle(
        slug="donau-cup-finale-wachau",
        title="Bitteres Ende in Wien: FC Wachau verliert Donau-Cup-Finale im Elfmeterschießen",
        standfirst=(
            "Zweimal lag der FC Wachau im Finale gegen Kingsharbour Athletic in Führung, zweimal "
            "glichen die Engländer aus. Im Elfmeterschießen scheiterte ausgerechnet der Kapitän."
        ),
        author="Florian Wimmer",
        section="Sport",
        published=datetime(2026, 11, 21, 23, 10, tzinfo=VIENNA),
        modified=datetime(2026, 11, 22, 8, 40, tzinfo=VIENNA),
        body_html=(
            "<p>Es lief die 118. Minute, als im Wiener Ernst-Happel-Stadion ein Raunen durch die "
            "Ränge ging. Der eingewechselte Luka Perković stand frei vor dem Tor von "
            "Kingsharbour Athletic, doch sein Schuss strich um Zentimeter am linken Pfosten "
            "vorbei. Es war die letzte große Chance eines dramatischen Abends, an dessen Ende "
            "der FC Wachau mit leeren Händen dastand: Nach einem 2:2 nach Verlängerung verlor "
            "der Außenseiter aus Krems das Finale des Donau-Cups mit 3:4 im Elfmeterschießen.</p>\n"
            "<p>Vor 38.500 Zuschauern, darunter gut 9.000 mitgereiste Fans aus England, hatte "
            "Wachau einen Traumstart erwischt. Nach einer Ecke köpfte Innenverteidiger Simon "
            "Gratzer in der 12. Minute zum 1:0 ein. Athletic brauchte bis kurz vor der Pause, um "
            "sich von diesem Schock zu erholen; Stürmer Callum Reddish glich in der 44. Minute "
            "mit einem abgefälschten Schuss aus.</p>\n"
            "<h2>Ein Freistoß wie gemalt</h2>\n"
            "<p>Nach dem Wechsel war es wieder Wachau, das jubeln durfte. Mittelfeldspieler "
            "Jakob Hinterleitner zirkelte einen Freistoß aus 22 Metern in den Winkel – das 2:1 "
            "in der 63. Minute war das schönste Tor des Abends. Doch die Engländer antworteten "
            "prompt: Nur sechs Minuten später verwertete der Nigerianer Tunde Bakare eine Flanke "
            "von der rechten Seite zum 2:2.</p>\n"
            "<p>In der Verlängerung ließen bei beiden Teams die Kräfte nach. Wachau hatte durch "
            "Perković die besseren Chancen, Athletic setzte auf lange Bälle und "
            "Standardsituationen. „Wir waren näher dran, das muss man ehrlich sagen“, meinte "
            "Wachau-Trainer Andreas Frühwirth nach dem Spiel. „Aber im Finale fragt dich "
            "niemand, wer näher dran war.“</p>\n"
            "<h2>Kapitän Eder scheitert</h2>\n"
            "<p>Im Elfmeterschießen trafen zunächst alle sechs Schützen. Dann scheiterte "
            "Wachau-Kapitän Martin Eder an Athletic-Torhüter Owen Pritchard, der die richtige "
            "Ecke ahnte. Auch Athletic vergab einmal, doch als Gratzer seinen Versuch über die "
            "Latte jagte, war die Entscheidung gefallen. Eder saß danach minutenlang auf dem "
            "Rasen, Mitspieler und Betreuer versuchten ihn zu trösten.</p>\n"
            "<p>Für den Klub aus der Wachau ist das Erreichen des Finales trotzdem der größte "
            "Erfolg der Vereinsgeschichte. Noch vor vier Jahren spielte die Mannschaft in der "
            "Regionalliga. „Wir kommen wieder“, versprach Präsident Gottfried Weinzierl. In "
            "Krems wurde die Mannschaft noch in der Nacht von rund 2.000 Fans empfangen.</p>\n"
            "<p>Die Statistik des Finales:</p>\n"
            "<ul>\n"
            "<li>Ballbesitz: Wachau 53 Prozent, Athletic 47 Prozent</li>\n"
            "<li>Torschüsse: 17:11 für Wachau</li>\n"
            "<li>Gelbe Karten: 3 für Wachau, 4 für Athletic</li>\n"
            "</ul>\n"
            "<p>Trotz der Niederlage war die Stimmung unter den Wachauer Fans bemerkenswert. "
            "Minutenlang feierten sie ihre Mannschaft nach dem Schlusspfiff, viele Spieler "
            "gingen mit Tränen in den Augen in die Kurve, um sich zu bedanken.</p>\n"
            "<p>Für Athletic ist es der erste internationale Titel seit 1974. Die Engländer "
            "kassieren neben der Trophäe eine Siegprämie von 2,5 Millionen Euro.</p>"
        ),
        path="/sport/2026/11/21/donau-cup-finale-wachau.html",
        event="cup-final",
        wire_id=None,
    ),
    OutletArticle(
        slug="linz-strassenbahn-auhof",
        title="Gemeinderat beschließt Straßenbahn bis zur Universität",
        standfirst=(
            "Nach jahrelanger Debatte hat der Linzer Gemeinderat die Verlängerung der "
            "Straßenbahnlinie 5 nach Auhof beschlossen. Die ersten Züge sollen 2031 fahren, die "
            "Kosten werden auf 186 Millionen Euro geschätzt."
        ),
        author="Sabine Grünberger",
        section="Lokales",
        published=datetime(2026, 11, 11, 16, 30, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Die Entscheidung fiel nach einer fast vierstündigen Debatte: Mit 41 von 61 "
            "Stimmen hat der Linzer Gemeinderat am Mittwoch die Verlängerung der "
            "Straßenbahnlinie 5 vom Hauptplatz über Urfahr bis zum Universitätscampus in Auhof "
            "beschlossen. Die neue Strecke wird 6,8 Kilometer lang sein und elf Haltestellen "
            "haben. Baubeginn soll im Herbst 2028 sein, die Eröffnung ist für Ende 2031 "
            "geplant.</p>\n"
            "<p>„Heute ist ein guter Tag für alle, die täglich im Stau auf der Altenberger "
            "Straße stehen“, sagte Verkehrsstadträtin Ursula Gahleitner. Bisher sind rund 21.000 "
            "Studierende und Beschäftigte der Universität auf Busse angewiesen, die in den "
            "Stoßzeiten regelmäßig überfüllt sind. Die Straßenbahn soll im Sieben-Minuten-Takt "
            "fahren und die Fahrzeit vom Hauptplatz zur Universität von derzeit 24 auf 17 "
            "Minuten verkürzen.</p>\n"
            "<h2>Finanzierung mit Land und Bund</h2>\n"
            "<p>Die Kosten werden auf 186 Millionen Euro geschätzt. Die Stadt trägt davon ein "
            "Drittel, den Rest übernehmen Land Oberösterreich und Bund gemeinsam im Rahmen des "
            "Nahverkehrsprogramms. Eine entsprechende Vereinbarung soll noch vor Jahresende "
            "unterzeichnet werden. Die Linz AG wird für die neue Linie zehn zusätzliche "
            "Niederflurgarnituren bestellen.</p>\n"
            "<p>Die Opposition stimmte geschlossen dagegen. Gemeinderat Wolfgang Eichinger "
            "kritisierte, dass wichtige Fragen offen seien. „Wir beschließen heute eine Trasse, "
            "für die es noch keine Umweltverträglichkeitsprüfung gibt. Die Kosten werden am Ende "
            "deutlich höher sein“, warnte er. Er verwies auf andere Straßenbahnprojekte in "
            "Österreich, bei denen die Kosten um bis zu 40 Prozent gestiegen seien.</p>\n"
            "<h2>Anrainer fürchten Baulärm</h2>\n"
            "<p>Kritik kommt auch von Anrainern in Urfahr. Eine Bürgerinitiative hat mehr als "
            "3.200 Unterschriften gegen die geplante Führung durch die Hauptstraße gesammelt. "
            "Sie befürchtet jahrelange Baustellen und den Verlust von rund 140 Parkplätzen. "
            "„Niemand ist gegen die Straßenbahn. Aber man hätte die Trasse entlang der Donau "
            "führen können“, sagt Sprecherin Renate Kapplmüller.</p>\n"
            "<p>Die Stadt verweist auf ein Gutachten, nach dem eine Ufertrasse deutlich weniger "
            "Fahrgäste erreichen würde. Zudem liege ein großer Teil der Uferstrecke im "
            "Hochwasserabflussbereich der Donau – ein Argument, das in diesen Tagen besonders "
            "einleuchtet.</p>\n"
            "<p>Die wichtigsten Eckdaten des Projekts:</p>\n"
            "<ul>\n"
            "<li>Länge: 6,8 Kilometer, davon 1,2 Kilometer auf eigenem Gleiskörper im Grünen</li>\n"
            "<li>Haltestellen: elf, darunter ein neuer Umsteigeknoten beim Mühlkreisbahnhof</li>\n"
            "<li>Takt: sieben Minuten, abends alle 15 Minuten</li>\n"
            "<li>Kosten: 186 Millionen Euro (Preisbasis 2026)</li>\n"
            "</ul>\n"
            "<p>Bei der Linz AG rechnet man damit, dass die neue Linie täglich rund 28.000 "
            "Fahrgäste befördern wird. Die bisherigen Buslinien 33 und 34 sollen nach der "
            "Eröffnung neu geordnet werden und künftig vor allem die Wohngebiete am Pöstlingberg "
            "und in Dornach erschließen.</p>\n"
            "<p>Als nächster Schritt wird das Projekt im Frühjahr bei der Landesregierung zur "
            "Umweltverträglichkeitsprüfung eingereicht. Die Bürgerinitiative hat bereits "
            "angekündigt, sich als Partei an dem Verfahren zu beteiligen.</p>"
        ),
        path="/lokales/2026/11/11/linz-strassenbahn-auhof.html",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="christkindlmarkt-volksgarten",
        title=("Christkindlmarkt im Volksgarten: Pfandbecher-Pflicht und längere Öffnungszeiten"),
        standfirst=(
            "Am Samstag eröffnet der Linzer Christkindlmarkt im Volksgarten. Heuer gibt es ein "
            "neues Pfandsystem, mehr regionale Aussteller und erstmals einen eigenen Bereich für "
            "Familien mit kleinen Kindern."
        ),
        author="Sabine Grünberger",
        section="Lokales",
        published=datetime(2026, 11, 21, 9, 0, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Punkt 16 Uhr wird Bürgermeister Clemens Hartlauer am Samstag die Lichter am "
            "großen Christbaum im Volksgarten einschalten. Damit beginnt für den "
            "traditionsreichen Linzer Christkindlmarkt die 52. Saison. Bis zum 24. Dezember "
            "präsentieren 74 Aussteller Kunsthandwerk, Weihnachtsschmuck und Kulinarisches, so "
            "viele wie noch nie.</p>\n"
            "<p>Neu ist vor allem das Pfandsystem. Punsch, Glühwein und Kinderpunsch werden "
            "heuer ausschließlich in einheitlichen Keramikbechern ausgeschenkt, für die ein "
            "Pfand von vier Euro verrechnet wird. Die Becher können an jedem Stand zurückgegeben "
            "werden. Bisher hatte jeder Standler eigene Häferl, was nach Angaben der Stadt zu "
            "Verwirrung und zu vielen im Park zurückgelassenen Bechern geführt hatte.</p>\n"
            "<h2>Mehr Regionalität, weniger Billigware</h2>\n"
            "<p>Auch bei der Auswahl der Aussteller hat die Stadt die Regeln verschärft. "
            "Mindestens zwei Drittel der angebotenen Waren müssen aus Österreich stammen, "
            "Massenware aus Übersee ist nicht mehr erlaubt. „Wer auf den Christkindlmarkt geht, "
            "will keinen Plastikschmuck, den es auch im Diskonter gibt“, sagt Marktreferentin "
            "Doris Lehner. Unter den neuen Ausstellern sind eine Mühlviertler Leinenweberei, ein "
            "Honigimker aus dem Sauwald und eine Glasbläserin aus dem Salzkammergut.</p>\n"
            "<p>Erstmals gibt es im hinteren Teil des Parks einen eigenen Familienbereich mit "
            "einem kleinen Ringelspiel, einer Lebkuchenbackstube und einer Bühne für "
            "Kindertheater. Am Wochenende liest dort jeden Nachmittag um 15 Uhr das Christkind "
            "Geschichten vor.</p>\n"
            "<h2>Die Öffnungszeiten im Überblick</h2>\n"
            "<ul>\n"
            "<li>Montag bis Donnerstag: 11 bis 20 Uhr</li>\n"
            "<li>Freitag und Samstag: 10 bis 21 Uhr</li>\n"
            "<li>Sonntag und Feiertage: 10 bis 20 Uhr</li>\n"
            "<li>24. Dezember: 10 bis 14 Uhr</li>\n"
            "</ul>\n"
            "<p>Die Öffnungszeiten wurden damit unter der Woche um eine Stunde verlängert. Damit "
            "reagiert die Stadt auf Wünsche von Berufstätigen, die bisher nach der Arbeit nur "
            "eine knappe Stunde Zeit für einen Besuch hatten.</p>\n"
            "<h2>Sicherheitskonzept wie im Vorjahr</h2>\n"
            "<p>Beim Sicherheitskonzept bleibt es bei den bewährten Maßnahmen. Die Zufahrten zum "
            "Volksgarten werden mit Betonsperren gesichert, Polizei und privater "
            "Sicherheitsdienst sind täglich präsent. Große Taschen und Rucksäcke können "
            "stichprobenartig kontrolliert werden. Die Stadt empfiehlt, mit öffentlichen "
            "Verkehrsmitteln anzureisen; die Straßenbahnhaltestelle Goethekreuzung liegt direkt "
            "beim Eingang.</p>\n"
            "<p>Auch an die Umwelt wurde gedacht: Die Beleuchtung der Stände wurde vollständig "
            "auf LED umgestellt, der Strom stammt laut Linz AG aus Wasserkraft. Einweggeschirr "
            "ist auf dem gesamten Marktgelände verboten, für Speisen gibt es Porzellanteller mit "
            "einem Pfand von zwei Euro.</p>\n"
            "<p>Die Standler blicken nach einem schwierigen Vorjahr optimistisch auf die Saison. "
            "„Die Leute wollen wieder raus, sie wollen sich treffen“, sagt Franz Obermüller, der "
            "seit 31 Jahren Maroni und Bratkartoffeln verkauft. Ein Wermutstropfen bleibt: Die "
            "Preise für Punsch sind im Schnitt um 50 Cent gestiegen. Ein Becher Glühwein kostet "
            "heuer zwischen 5 und 5,50 Euro.</p>"
        ),
        path="/lokales/2026/11/21/christkindlmarkt-volksgarten.html",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="theater-schleusenwaerterin-premiere",
        title="„Die Schleusenwärterin“: Ein Abend wie ein steigender Fluss",
        standfirst=(
            "Hanna Leitgebs neues Stück über eine Frau, die in einem Kraftwerk an der Donau allein "
            "Dienst tut, ist ein leiser, beklemmender Theaterabend. Die Uraufführung auf der "
            "Donausaal-Bühne wurde gefeiert."
        ),
        author="Lukas Brandstätter",
        section="Kultur",
        published=datetime(2026, 11, 15, 22, 30, tzinfo=VIENNA),
        modified=datetime(2026, 11, 16, 9, 10, tzinfo=VIENNA),
        body_html=(
            "<p>Das Wasser ist von Anfang an da. Man hört es rauschen, bevor sich der Vorhang "
            "hebt, ein tiefes, gleichmäßiges Grollen, das im Laufe des Abends lauter wird, bis "
            "es fast unerträglich ist. Auf der Bühne steht ein Schaltpult aus den "
            "Siebzigerjahren, davor ein Stuhl, ein Wasserkocher, ein kleines Radio. Hier "
            "verbringt Margit, die Schleusenwärterin, ihre Nächte.</p>\n"
            "<p>Hanna Leitgeb, die mit ihren Romanen über das Mühlviertel bekannt wurde, hat mit "
            "„Die Schleusenwärterin“ ihr zweites Theaterstück geschrieben. Die Uraufführung am "
            "Samstagabend auf der Donausaal-Bühne in Linz wurde nach knapp zwei Stunden ohne "
            "Pause mit minutenlangem Applaus gefeiert. Dass die Premiere ausgerechnet in eine "
            "Woche fällt, in der die Donau wieder über die Ufer zu treten droht, konnte bei der "
            "Planung niemand ahnen. Es verleiht dem Abend eine eigentümliche Dringlichkeit.</p>\n"
            "<h2>Eine Frau, ein Pult, eine Nacht</h2>\n"
            "<p>Die Handlung ist schnell erzählt. Margit, gespielt von einer großartigen "
            "Elfriede Moosbrugger, hat Nachtdienst in einem Donaukraftwerk, das demnächst "
            "vollautomatisch betrieben werden soll. Es ist ihre letzte Schicht. Über Funk meldet "
            "sich ein Schiffsführer, später ihr Sohn, zuletzt die Zentrale. Dazwischen spricht "
            "sie mit sich selbst, mit dem Fluss, mit ihrem verstorbenen Mann, der hier vor ihr "
            "Dienst getan hat.</p>\n"
            "<p>Was als Kammerspiel über Einsamkeit und Abschied beginnt, wird allmählich zu "
            "etwas anderem. Der Pegel steigt, die Zentrale reagiert nicht, und Margit muss eine "
            "Entscheidung treffen, für die sie eigentlich nicht zuständig ist. Leitgeb erzählt "
            "das ohne Pathos, in kurzen, oft lakonischen Sätzen, die Moosbrugger mit einer fast "
            "beiläufigen Härte spricht.</p>\n"
            "<blockquote><p>„Der Fluss fragt nicht, wer zuständig ist. Der Fluss kommt "
            "einfach.“</p></blockquote>\n"
            "<h2>Zurückhaltende Regie</h2>\n"
            "<p>Regisseur Paul Zechmeister verzichtet klugerweise auf Effekte. Das Bühnenbild "
            "von Ilse Ranftl bleibt bis zum Schluss unverändert, nur das Licht wird kälter, das "
            "Rauschen lauter. Einmal flackert das Schaltpult, einmal fällt das Radio aus, mehr "
            "passiert nicht, und doch hält man im Publikum spürbar den Atem an. Einzig die "
            "eingespielten Videosequenzen vom Fluss, die in der zweiten Hälfte auf den "
            "Bühnenhintergrund projiziert werden, wirken überflüssig; sie erklären, was "
            "Moosbrugger längst gezeigt hat.</p>\n"
            "<p>Am Ende bleibt offen, ob Margit richtig gehandelt hat. Leitgeb verweigert die "
            "Auflösung, und das ist die größte Stärke dieses Stückes. Es stellt Fragen über "
            "Arbeit und Verantwortung, über Maschinen, die Menschen ersetzen, und über die Würde "
            "derer, die im Hintergrund dafür sorgen, dass alles funktioniert.</p>\n"
            "<p>Weitere Vorstellungen gibt es am 18., 20. und 27. November sowie im Dezember. "
            "Karten sind an der Kasse der Donausaal-Bühne und <a "
            'href="https://donausaal.example/spielplan">online</a> erhältlich.</p>\n'
            "<p><em>Korrektur: In einer früheren Fassung war die Bühnenbildnerin falsch "
            "geschrieben. Wir bitten um Entschuldigung.</em></p>"
        ),
        path="/kultur/2026/11/15/theater-schleusenwaerterin-premiere.html",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="stahlwerk-wasserstoff-investition",
        title="Ennstaler Stahlwerke investieren 1,4 Milliarden Euro in grünen Stahl",
        standfirst=(
            "Der Stahlkonzern will in Steyr eine Anlage zur Direktreduktion mit Wasserstoff bauen. "
            "Bis 2030 sollen die Emissionen des Standorts um mehr als die Hälfte sinken, 600 "
            "Arbeitsplätze sind neu geplant."
        ),
        author="Markus Steinbichler",
        section="Wirtschaft",
        published=datetime(2026, 11, 13, 11, 20, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Es ist die größte Einzelinvestition in der Geschichte des Unternehmens: Die "
            "Ennstaler Stahlwerke AG wird an ihrem Stammsitz in Steyr rund 1,4 Milliarden Euro "
            "in eine neue Anlage zur Stahlerzeugung investieren. Statt mit Koks im Hochofen soll "
            "Eisenerz künftig mit Wasserstoff reduziert und anschließend in einem "
            "Elektrolichtbogenofen zu Stahl verarbeitet werden. Das gab Vorstandsvorsitzende "
            "Claudia Reisinger am Freitag bei einer Pressekonferenz bekannt.</p>\n"
            "<p>Die Anlage soll 2030 in Betrieb gehen und jährlich 1,6 Millionen Tonnen Stahl "
            "liefern, etwa die Hälfte der heutigen Produktion. Die CO₂-Emissionen des Standorts "
            "würden damit um 55 Prozent sinken. „Grüner Stahl ist keine Imagefrage mehr, er ist "
            "eine Bedingung unserer Kunden“, sagte Reisinger. Vor allem die Autoindustrie "
            "verlange zunehmend klimaneutral erzeugte Bleche.</p>\n"
            "<h2>Woher der Wasserstoff kommen soll</h2>\n"
            "<p>Die entscheidende Frage ist die Versorgung mit Wasserstoff. Für den Vollbetrieb "
            "benötigt die Anlage rund 90.000 Tonnen pro Jahr. Einen Teil davon will das "
            "Unternehmen in einem eigenen Elektrolyseur mit 300 Megawatt Leistung auf dem "
            "Werksgelände erzeugen. Der Rest soll über eine neue Pipeline kommen, die an das "
            "geplante europäische Wasserstoffnetz anschließen wird. Bis diese verfügbar ist, "
            "soll die Anlage übergangsweise mit Erdgas betrieben werden.</p>\n"
            "<p>Der Strombedarf steigt damit erheblich. Das Unternehmen hat nach eigenen Angaben "
            "langfristige Lieferverträge mit zwei Windparkbetreibern und einem Wasserkraftwerk "
            "abgeschlossen. Zudem soll eine neue 220-Kilovolt-Leitung das Werk an das "
            "Übertragungsnetz anbinden.</p>\n"
            "<h2>Förderung vom Bund</h2>\n"
            "<p>Finanziert wird die Investition zum Teil mit öffentlichen Mitteln. Aus dem "
            "Transformationsfonds des Bundes fließen 380 Millionen Euro, die Europäische "
            "Investitionsbank stellt einen Kredit über 400 Millionen Euro zur Verfügung. Den "
            "Rest will das Unternehmen aus eigenen Mitteln und über eine Anleihe aufbringen.</p>\n"
            "<p>Die Gewerkschaft begrüßte die Entscheidung. „Das sichert den Standort Steyr für "
            "Jahrzehnte“, sagte Betriebsratsvorsitzender Erwin Haider. Durch den Umbau entstehen "
            "nach Angaben des Unternehmens rund 600 neue Arbeitsplätze, vor allem für "
            "Elektrotechniker und Anlagenfahrer. Gleichzeitig fallen langfristig Stellen am "
            "Hochofen weg; betriebsbedingte Kündigungen soll es aber nicht geben.</p>\n"
            "<p>Umweltorganisationen reagierten verhalten positiv. Der Schritt sei richtig, "
            "komme aber spät, hieß es. Zudem sei offen, ob ausreichend grüner Wasserstoff zu "
            "vertretbaren Preisen verfügbar sein werde. „Solange die Anlage mit Erdgas läuft, "
            "ist der Stahl bestenfalls hellgrün“, sagte ein Sprecher der Organisation "
            "Klimaallianz Donau.</p>\n"
            "<p>Für die Region ist das Projekt auch darüber hinaus von Bedeutung. Zahlreiche "
            "Zulieferbetriebe im Enns- und Steyrtal hängen direkt vom Stahlwerk ab, vom "
            "Anlagenbau bis zur Logistik. Die Wirtschaftskammer rechnet damit, dass während der "
            "Bauphase bis zu 1.500 zusätzliche Arbeitskräfte in der Region gebraucht werden.</p>\n"
            "<p>An der Wiener Börse legte die Aktie der Ennstaler Stahlwerke nach der "
            "Ankündigung um 3,4 Prozent zu.</p>"
        ),
        path="/wirtschaft/2026/11/13/stahlwerk-wasserstoff-investition.html",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="landtag-kinderbetreuungsgesetz",
        title="Landtag beschließt Rechtsanspruch auf Kinderbetreuung ab dem ersten Geburtstag",
        standfirst=(
            "Oberösterreich führt als eines der ersten Bundesländer einen Rechtsanspruch auf einen "
            "Betreuungsplatz ein. Die Gemeinden bekommen dafür mehr Geld, warnen aber vor "
            "fehlendem Personal."
        ),
        author="Johannes Riedl",
        section="Politik",
        published=datetime(2026, 11, 18, 19, 45, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Ab September 2028 haben Eltern in Oberösterreich einen Rechtsanspruch auf einen "
            "Betreuungsplatz für ihr Kind ab dem ersten Geburtstag. Das hat der Landtag am "
            "Mittwoch nach einer langen und teils hitzigen Debatte beschlossen. Das neue "
            "Kinderbildungs- und Betreuungsgesetz wurde mit den Stimmen der Regierungsparteien "
            "angenommen, die Opposition stimmte dagegen.</p>\n"
            "<p>„Mit diesem Gesetz geben wir Familien Sicherheit“, sagte die zuständige "
            "Landesrätin Monika Ebenhofer. Niemand solle sich mehr zwischen Beruf und Kind "
            "entscheiden müssen, weil es keinen Krabbelstubenplatz gebe. Derzeit werden in "
            "Oberösterreich nur rund 27 Prozent der unter Dreijährigen außerhalb der Familie "
            "betreut, deutlich weniger als im Bundesschnitt.</p>\n"
            "<h2>Was das Gesetz vorsieht</h2>\n"
            "<ul>\n"
            "<li>Rechtsanspruch auf einen Betreuungsplatz ab dem ersten Geburtstag, mindestens "
            "30 Stunden pro Woche</li>\n"
            "<li>Gruppengröße in Krabbelstuben sinkt schrittweise von zehn auf acht Kinder</li>\n"
            "<li>Gemeinden erhalten pro neu geschaffenem Platz einen Zuschuss von 12.000 "
            "Euro</li>\n"
            "<li>Öffnungszeiten an mindestens 47 Wochen im Jahr</li>\n"
            "</ul>\n"
            "<p>Kann eine Gemeinde keinen Platz anbieten, muss sie einen Platz in einer "
            "Nachbargemeinde organisieren oder die Kosten für eine Tagesmutter übernehmen. Eine "
            "Klagsmöglichkeit für Eltern ist nicht vorgesehen, wohl aber ein Beschwerdeverfahren "
            "bei der Kinder- und Jugendanwaltschaft.</p>\n"
            "<h2>Gemeinden fürchten Personalmangel</h2>\n"
            "<p>Der Gemeindebund hatte bis zuletzt Nachbesserungen gefordert. Das Problem sei "
            "nicht das Geld für Gebäude, sondern das fehlende Personal, sagte dessen Präsident, "
            "der Bürgermeister von Gallneukirchen, Anton Hinterberger. Landesweit fehlten schon "
            "heute mehr als 800 Pädagoginnen und Pädagogen. „Ein Rechtsanspruch auf einen Platz, "
            "für den es keine Betreuerin gibt, ist ein leeres Versprechen.“</p>\n"
            "<p>Das Land will mit einer Ausbildungsoffensive gegensteuern. An den "
            "Bildungsanstalten für Elementarpädagogik sollen ab dem kommenden Schuljahr "
            "zusätzliche Klassen eingerichtet werden, für Quereinsteiger gibt es ein bezahltes "
            "Kolleg. Zudem steigen die Gehälter in der Elementarpädagogik ab Jänner um "
            "durchschnittlich sechs Prozent.</p>\n"
            "<p>Die Opposition kritisierte, das Gesetz komme zu spät und gehe nicht weit genug. "
            "„Ein Rechtsanspruch ab 2028 hilft den Familien, die heute einen Platz suchen, "
            "überhaupt nicht“, sagte Klubobfrau Karin Waldhör. Zudem seien 30 Stunden für "
            "Eltern, die beide Vollzeit arbeiten, zu wenig. Ihre Fraktion hatte einen "
            "Abänderungsantrag mit einem Rechtsanspruch ab 2027 und 40 Wochenstunden "
            "eingebracht, der aber keine Mehrheit fand.</p>\n"
            "<p>Auch innerhalb der Koalition war das Gesetz nicht unumstritten. Vor allem "
            "Bürgermeister kleiner Landgemeinden hatten befürchtet, dass sie teure Krabbelstuben "
            "für nur eine Handvoll Kinder errichten müssen. Ein Kompromiss sieht nun vor, dass "
            "Gemeinden mit weniger als 2.000 Einwohnern gemeinsame Einrichtungen betreiben "
            "dürfen und dafür einen um ein Viertel höheren Zuschuss erhalten.</p>\n"
            "<p>Das Gesetz muss nun noch vom Bund begutachtet werden. Mit einem Inkrafttreten "
            "zum Jahreswechsel wird gerechnet, die Übergangsfristen laufen bis Herbst 2028.</p>"
        ),
        path="/politik/2026/11/18/landtag-kinderbetreuungsgesetz.html",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="enns-roemisches-bad-entdeckt",
        title="Archäologen legen in Enns ein römisches Badehaus frei",
        standfirst=(
            "Bei Bauarbeiten für eine Wohnanlage sind Archäologen auf die Reste einer Therme aus "
            "dem 2. Jahrhundert gestoßen. Der Fund gilt als einer der bedeutendsten in Lauriacum "
            "seit Jahrzehnten."
        ),
        author="Elisabeth Pointner",
        section="Wissenschaft",
        published=datetime(2026, 11, 23, 8, 30, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Eigentlich sollte auf dem Grundstück am Stadtrand von Enns im kommenden Frühjahr "
            "eine Wohnanlage mit 48 Wohnungen entstehen. Doch seit September arbeiten dort nicht "
            "Bagger, sondern Archäologinnen und Archäologen mit Kellen und Pinseln. Was sie in "
            "rund zwei Metern Tiefe freigelegt haben, sorgt in der Fachwelt für Aufsehen: die "
            "gut erhaltenen Reste eines römischen Badehauses aus dem späten 2. Jahrhundert nach "
            "Christus.</p>\n"
            "<p>Enns, das römische Lauriacum, war ein bedeutender Legionsstandort an der "
            "Donaugrenze des Reiches. Rund 6.000 Soldaten der zweiten italischen Legion waren "
            "hier stationiert, daneben entwickelte sich eine Zivilstadt mit bis zu 25.000 "
            "Einwohnern. Dass es dort öffentliche Bäder gab, war bekannt, gefunden wurde bisher "
            "aber nur wenig.</p>\n"
            "<h2>Fußbodenheizung und Wandmalereien</h2>\n"
            "<p>Die Grabungsleiterin Veronika Strasser vom Landesmuseum spricht von einem "
            "Glücksfall. „Wir haben drei Räume mit vollständig erhaltener Fußbodenheizung, "
            "sogenannten Hypokausten, gefunden, dazu ein Kaltwasserbecken und Teile eines "
            "Heißbades“, erklärt sie. An mehreren Wänden seien sogar Reste von Malereien in Rot "
            "und Ocker erhalten, was in der Region äußerst selten sei.</p>\n"
            "<p>Zu den bemerkenswertesten Funden gehören:</p>\n"
            "<ul>\n"
            "<li>ein Mosaikfragment mit der Darstellung eines Delfins,</li>\n"
            "<li>rund 140 Münzen, die jüngste aus der Regierungszeit des Kaisers Septimius "
            "Severus,</li>\n"
            "<li>Haarnadeln, Salbgefäße und Spielsteine, die Badegäste verloren hatten,</li>\n"
            "<li>ein Ziegel mit dem Stempel der zweiten italischen Legion.</li>\n"
            "</ul>\n"
            "<p>Die Münzen helfen bei der Datierung. Nach ersten Einschätzungen wurde das Bad um "
            "180 nach Christus errichtet und im 4. Jahrhundert aufgegeben, vermutlich nach einem "
            "Brand. Darauf deuten Brandspuren und eine dicke Schicht aus Asche und Schutt "
            "hin.</p>\n"
            "<h2>Was mit dem Fund geschieht</h2>\n"
            "<p>Nun stellt sich die Frage, was mit den Resten geschehen soll. Der Bauträger, die "
            "Genossenschaft Traunviertler Wohnbau, hat sich grundsätzlich bereit erklärt, die "
            "Planung anzupassen. Im Gespräch ist, die Tiefgarage zu verkleinern und einen Teil "
            "des Bades unter einer Glasplatte im Innenhof sichtbar zu machen. „Wir wollen hier "
            "Wohnraum schaffen, aber wir sind uns der Verantwortung bewusst“, sagte "
            "Geschäftsführer Helmut Brandl.</p>\n"
            "<p>Das Bundesdenkmalamt prüft derzeit eine Unterschutzstellung. Bis zu einer "
            "Entscheidung gehen die Grabungen weiter, voraussichtlich bis Ende Jänner. Die Stadt "
            "Enns plant für den 5. Dezember einen Tag der offenen Grabung, an dem Interessierte "
            "die Fundstelle unter Führung besichtigen können. Anmeldungen nimmt das <a "
            'href="https://www.museum-lauriacum.example/grabung">Museum Lauriacum</a> '
            "entgegen.</p>\n"
            "<p>Für Enns, das sich gerne als älteste Stadt Österreichs bezeichnet, ist der Fund "
            "auch touristisch interessant. Bürgermeisterin Gabriele Höllwarth sprach von einer "
            "„Sternstunde für die Stadtgeschichte“.</p>"
        ),
        path="/wissenschaft/2026/11/23/enns-roemisches-bad-entdeckt.html",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="skisaison-schneemangel-hinterstoder",
        title="Schneemangel: Hinterstoder verschiebt den Saisonstart",
        standfirst=(
            "Zu warm für Kunstschnee: Die Bergbahnen in Hinterstoder und auf der Wurzeralm müssen "
            "den geplanten Saisonstart am 28. November absagen. Die Betreiber hoffen auf einen "
            "Kälteeinbruch."
        ),
        author="Florian Wimmer",
        section="Sport",
        published=datetime(2026, 11, 10, 7, 15, tzinfo=VIENNA),
        modified=None,
        body_html=(
            "<p>Eigentlich hätten die Schneekanonen am Höss seit Anfang November laufen sollen. "
            "Doch die Temperaturen spielen nicht mit. Selbst auf 1.800 Metern Seehöhe lag die "
            "Nachttemperatur in den vergangenen zwei Wochen kaum einmal unter null Grad. Die "
            "Hinterstoder-Wurzeralm Bergbahnen haben deshalb am Montag den für 28. November "
            "geplanten Saisonstart abgesagt. Ein neuer Termin soll festgelegt werden, sobald "
            "sich eine Kälteperiode abzeichnet.</p>\n"
            "<p>„Wir brauchen mindestens fünf, sechs Nächte mit minus vier Grad und trockener "
            "Luft, um eine Grundlage für die Pisten zu schaffen“, erklärt Betriebsleiter Hubert "
            "Windhager. Technisch sei die Beschneiungsanlage in der Lage, die wichtigsten "
            "Abfahrten in rund 100 Stunden zu präparieren. „Aber wir können nicht zaubern. Bei "
            "plus zwei Grad macht jede Schneekanone nur Wasser.“</p>\n"
            "<h2>Weltcup-Rennen nicht gefährdet</h2>\n"
            "<p>Keine Sorgen macht man sich vorerst um die Weltcup-Rennen der Herren, die Ende "
            "Februar in Hinterstoder stattfinden sollen. Bis dahin sei genug Zeit, versichert "
            "der Veranstalter. Für die Nachwuchsrennen im Dezember und das Training der Skiclubs "
            "wird aber nach Alternativen gesucht. Einige Vereine weichen bereits auf "
            "Gletscherskigebiete in Tirol und Salzburg aus, was für die Familien mit hohen "
            "Kosten verbunden ist.</p>\n"
            "<p>Wie schwierig die Lage für kleinere Skigebiete geworden ist, zeigt ein Blick auf "
            "die vergangenen Jahre. Laut einer Auswertung der Geosphere Austria hat sich die "
            "Zahl der Tage mit natürlicher Schneedecke in Lagen um 1.000 Meter in den "
            "vergangenen 40 Jahren um fast ein Drittel verringert. Ohne technische Beschneiung "
            "wäre ein Betrieb in vielen Gebieten nicht mehr möglich.</p>\n"
            "<h2>Betriebe bangen um Weihnachtsgeschäft</h2>\n"
            "<p>In der Region blickt man mit gemischten Gefühlen auf die kommenden Wochen. Die "
            "Hotels seien für die Weihnachtsferien gut gebucht, sagt Tourismusobfrau Christine "
            "Gressenbauer. „Aber die Gäste fragen schon jetzt nach, ob sie Ski fahren können.“ "
            "Viele Betriebe setzen verstärkt auf Winterwandern, Schneeschuhtouren und Wellness, "
            "um weniger vom Schnee abhängig zu sein.</p>\n"
            "<p>Die Bergbahnen haben reagiert und bieten Saisonkarten bis Ende November "
            "weiterhin zum Vorverkaufspreis an. Wer eine Karte bereits gekauft hat, bekommt bei "
            "einem Saisonstart nach dem 20. Dezember eine anteilige Gutschrift.</p>\n"
            "<p>Die Meteorologen machen zumindest etwas Hoffnung. Für die letzte Novemberwoche "
            "zeichnet sich in den Modellen ein Kaltlufteinbruch aus Norden ab. „Ob er kommt und "
            "wie lange er bleibt, lässt sich heute aber noch nicht seriös sagen“, heißt es bei "
            "der Geosphere Austria. Ein Skiopening vor dem 8. Dezember gilt in der Region daher "
            "als unwahrscheinlich.</p>"
        ),
        path="/sport/2026/11/10/skisaison-schneemangel-hinterstoder.html",
        event=None,
        wire_id=None,
    ),
)

TAGBLATT = Outlet(
    slug="tagblatt",
    name="Donauländer Tagblatt",
    language="de",
    feed_path="/rss.xml",
    feed_format="rss",
    sitemap_path="/sitemap-news.xml",
    articles=ARTICLES,
)
