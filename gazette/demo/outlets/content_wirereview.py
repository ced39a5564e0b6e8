"""Articles of the Continental Wire Review, a fictional site republishing CPA agency copy."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .model import Outlet, OutletArticle

BRUSSELS = timezone(timedelta(hours=1), "CET")

ARTICLES: tuple[OutletArticle, ...] = (
    OutletArticle(
        slug="danube-floods-force-evacuations-austria-bavaria",
        title="Danube floods force evacuations in Austria and Bavaria as river nears peak",
        standfirst=(
            "More than 1,200 people have left their homes along the upper Danube after days of "
            "heavy rain, with Passau bracing for its highest water in over a decade."
        ),
        author="Lena Marković",
        section="World",
        published=datetime(2026, 11, 17, 10, 30, tzinfo=BRUSSELS),
        modified=datetime(2026, 11, 17, 16, 45, tzinfo=BRUSSELS),
        body_html=(
            "<p>PASSAU, Germany (CPA) — More than 1,200 people have been evacuated from their "
            "homes in Austria and the German state of Bavaria as the Danube rose sharply on "
            "Tuesday after four days of torrential rain, officials said.</p>\n"
            "<p>In Passau, where the Danube meets the Inn and the Ilz, the river was expected to "
            "peak at 9.10 metres overnight, above the city’s highest warning level of 8.50 "
            "metres. Parts of the old town were already under water on Tuesday morning, and "
            "firefighters used boats to reach residents in the low-lying streets near the town "
            "hall.</p>\n"
            "<p>“We are prepared, but nobody should underestimate this river,” the city’s crisis "
            "coordinator, Maximilian Obermaier, told reporters. Schools in the old town were "
            "closed and the city asked residents to move cars away from the riverbanks.</p>\n"
            "<h2>Hundreds leave homes in Upper Austria</h2>\n"
            "<p>Downstream in Austria, the authorities in Upper Austria said 340 people had left "
            "their homes in the Eferding basin west of Linz, an area that suffered badly in the "
            "floods of 2013. Around 120 soldiers were put on standby to help with sandbags and "
            "evacuations.</p>\n"
            "<p>In Linz, the regional capital, crews worked through the night to erect 1.4 "
            "kilometres of mobile flood walls along the riverfront. The river there was forecast "
            "to crest at around 7.90 metres early on Wednesday, about twice its average "
            "level.</p>\n"
            "<p>Meteorologists said some areas of the Bavarian Forest and the Mühlviertel region "
            "had received more than 180 litres of rain per square metre in 72 hours. The Inn, "
            "which joins the Danube at Passau, was also running high after heavy rain in the "
            "Alps.</p>\n"
            "<h2>Shipping halted, roads closed</h2>\n"
            "<p>Shipping was suspended on long stretches of the upper Danube, including the "
            "entire Austrian section between Passau and Linz. Several roads along the river were "
            "closed, as were parts of the popular Danube cycle path, and a number of river "
            "ferries stopped operating.</p>\n"
            "<p>Rail services between Passau and Linz were running with delays because of a "
            "speed restriction on a section of track near the river, Austrian rail operator ÖBB "
            "said.</p>\n"
            "<p>Germany’s weather service warned that the situation could worsen again at the "
            "weekend, when a new band of rain is expected to move across southern Germany and "
            "Austria. Forecasters said, however, that the rain was unlikely to be as heavy as in "
            "recent days.</p>\n"
            "<p>The floods are the most serious on the upper Danube since 2013, when record "
            "water levels in Passau caused damage estimated at several hundred million euros and "
            "prompted both Germany and Austria to invest heavily in flood defences.</p>\n"
            "<p>(Reporting by Lena Marković; additional reporting by Jonas Eriksen in Berlin; "
            "editing by Hannah Okafor)</p>"
        ),
        path="/2026/11/17/danube-floods-force-evacuations-austria-bavaria/",
        event="danube-flood",
        wire_id="cpa-danube-flood",
    ),
    OutletArticle(
        slug="ukraine-energy-grid-pledges-kyiv-conference",
        title="Donors pledge 14 billion euros for Ukraine’s power grid at Kyiv conference",
        standfirst=(
            "European governments and lenders promised new money for power plants, transformers "
            "and lines, but aid groups warned that much of it comes as loans."
        ),
        author="Piotr Zieliński",
        section="World",
        published=datetime(2026, 11, 20, 15, 40, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>KYIV (CPA) — European governments and international lenders pledged 14 billion "
            "euros on Friday to rebuild and modernise Ukraine’s electricity system over the next "
            "three years, at a conference held under tight security in the Ukrainian capital.</p>\n"
            "<p>Delegations from more than 40 countries and organisations attended the one-day "
            "meeting in Kyiv, the first of its kind to be held in the city rather than in a "
            "European Union capital. Most of the money will come from the EU, the European "
            "Investment Bank and individual member states.</p>\n"
            "<p>“Every euro that goes into our grid today is a euro for schools, hospitals and "
            "factories that keep working in winter,” Ukrainian Energy Minister Taras Hnatiuk "
            "said as he opened the conference.</p>\n"
            "<h2>Smaller plants, stronger grid</h2>\n"
            "<p>Ukraine has estimated that it needs more than 30 billion euros to repair its "
            "power network alone, after years of attacks on power stations, substations and "
            "high-voltage lines.</p>\n"
            "<p>Officials said the focus of the new pledges was on making the system harder to "
            "knock out. Around a third of the money is earmarked for smaller gas-fired plants, "
            "solar farms with battery storage and heat pumps for district heating networks, "
            "which are spread across the country and harder to target than large power "
            "stations.</p>\n"
            "<p>Another third will go to repairing high-voltage lines and strengthening "
            "connections with the European grid, which Ukraine joined in 2022. The remainder is "
            "intended for transformers and other equipment, which are in short supply "
            "worldwide.</p>\n"
            "<p>“Transformers are the bottleneck. Delivery times are two years everywhere,” said "
            "Sandra Mittermayr, managing director of Austrian manufacturer Elmag Netztechnik, "
            "which signed a letter of intent in Kyiv to supply twelve large units to the state "
            "grid operator.</p>\n"
            "<h2>Loans, not grants</h2>\n"
            "<p>Aid groups welcomed the pledges but criticised the fact that a large part of the "
            "money comes as loans and guarantees rather than grants.</p>\n"
            "<p>“Ukraine cannot keep borrowing without limit,” said a spokeswoman for Energy "
            "Bridge Europe, a non-governmental organisation that works on energy projects in the "
            "country. She said only about 60 percent of the money promised at last year’s "
            "conference had so far been paid out.</p>\n"
            "<p>Austria pledged 180 million euros, mostly as guarantees for Austrian companies "
            "working in Ukraine. Poland, Germany and the Netherlands announced the largest "
            "bilateral contributions, officials said, without giving a breakdown.</p>\n"
            "<p>The next reconstruction conference is due to be held in Warsaw in the spring and "
            "will focus on housing and water supply, organisers said.</p>\n"
            "<p>(Reporting by Piotr Zieliński; editing by Amélie Vautrin)</p>"
        ),
        path="/2026/11/20/ukraine-energy-grid-pledges-kyiv-conference/",
        event="kyiv-reconstruction",
        wire_id="cpa-kyiv-conference",
    ),
    OutletArticle(
        slug="halcyon-probe-water-ice-asteroid-velmira",
        title="European probe finds signs of buried water ice on near-Earth asteroid",
        standfirst=(
            "Radar and neutron measurements from the Halcyon spacecraft point to layers of ice up "
            "to 25 metres below the surface of asteroid Velmira, scientists said."
        ),
        author="Hannah Okafor",
        section="Science",
        published=datetime(2026, 11, 13, 18, 30, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>DARMSTADT, Germany (CPA) — A European spacecraft orbiting a small near-Earth "
            "asteroid has found strong evidence of water ice buried beneath its surface, "
            "scientists said on Friday, a discovery that could change how researchers think "
            "about the origins of such bodies.</p>\n"
            "<p>The Halcyon probe, operated by the European Space Agency (ESA), has been "
            "circling the 1.9-kilometre asteroid Velmira since August. Until now, the asteroid "
            "had been thought to be a dry, rocky object.</p>\n"
            "<p>“We did not expect to find ice here, and we checked every measurement several "
            "times before we believed it,” said Miriam Auer, a physicist at the Institute for "
            "Space Research in Graz, Austria, who leads the team behind one of the probe’s "
            "instruments.</p>\n"
            "<h2>Radar looks 40 metres deep</h2>\n"
            "<p>The key finding came from a radar instrument that can see up to 40 metres below "
            "the surface. On several passes over the asteroid’s northern hemisphere, it picked "
            "up layers between 10 and 25 metres deep that reflected radio waves in a way typical "
            "of ice.</p>\n"
            "<p>A neutron spectrometer built in Graz confirmed higher levels of hydrogen in the "
            "same region, the team said at a news conference at ESA’s mission control centre in "
            "Darmstadt.</p>\n"
            "<p>Auer said the layers could contain up to three million tonnes of ice mixed with "
            "dust and rock.</p>\n"
            "<h2>A visitor from the outer solar system?</h2>\n"
            "<p>Velmira’s orbit brings it within about 120 million kilometres of the sun, close "
            "enough that any ice on its surface would long ago have turned to vapour. Scientists "
            "said the ice may have survived because it is insulated by a thick layer of dust, "
            "and that the asteroid may have formed in the colder outer solar system before "
            "drifting inwards.</p>\n"
            "<p>“If this holds up, it tells us that the boundary between asteroids and comets is "
            "even more blurred than we thought,” said Joaquín Esparza, ESA’s project scientist "
            "for the mission.</p>\n"
            "<p>The findings also interest companies and space agencies that hope one day to use "
            "water from asteroids to produce fuel or drinking water for crews in space, although "
            "experts cautioned that such plans remain decades away.</p>\n"
            "<h2>Closer look planned for spring</h2>\n"
            "<p>Halcyon, which was launched in March 2023 on an Ariane 6 rocket from Kourou in "
            "French Guiana, is due to make a close approach in the spring, descending to within "
            "200 metres of the surface. It will fire a small projectile to throw up material "
            "that its instruments can then analyse.</p>\n"
            "<p>“If we detect ice in that material, the case is closed,” Auer said. The team "
            "plans to publish its results so far in a scientific journal in January. The mission "
            "is scheduled to end in late 2027.</p>\n"
            "<p>(Reporting by Hannah Okafor; editing by Lena Marković)</p>"
        ),
        path="/2026/11/13/halcyon-probe-water-ice-asteroid-velmira/",
        event="halcyon-probe",
        wire_id="cpa-halcyon-probe",
    ),
    OutletArticle(
        slug="ecb-cuts-deposit-rate-1-75-percent",
        title="ECB cuts deposit rate to 1.75% as euro zone growth falters",
        standfirst=(
            "The European Central Bank lowered borrowing costs for the first time since spring, "
            "citing shrinking industrial output and inflation slightly below its 2% target."
        ),
        author="Matteo Ferrand",
        section="Economy",
        published=datetime(2026, 11, 19, 14, 25, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>FRANKFURT (CPA) — The European Central Bank cut its key interest rate by a "
            "quarter of a percentage point on Thursday, its first reduction since the spring, as "
            "it sought to support a euro zone economy that is struggling to grow.</p>\n"
            "<p>The ECB’s Governing Council lowered the deposit rate, which it pays banks on "
            "their overnight deposits, to 1.75% from 2.00%, with effect from November 25. The "
            "rates on its main refinancing operations and marginal lending facility were cut by "
            "the same amount.</p>\n"
            "<p>The decision was in line with the expectations of most economists, although a "
            "minority had forecast a larger half-point cut.</p>\n"
            "<h2>Industry shrinking again</h2>\n"
            "<p>In a statement, the bank said industrial production in the 20-nation euro zone "
            "had contracted again in the third quarter and that the outlook for growth remained "
            "weak. Inflation, at 1.8% in October, was slightly below the bank’s 2% target.</p>\n"
            "<p>“The risks to growth remain tilted to the downside,” the Governing Council said. "
            "It repeated that future decisions would depend on incoming data and that it was not "
            "committing in advance to a particular path for rates.</p>\n"
            "<p>The euro slipped after the announcement and was trading around $1.07 in the "
            "afternoon. Yields on German government bonds fell slightly, while European stock "
            "markets extended earlier gains. Frankfurt’s DAX index closed 0.9% higher.</p>\n"
            "<h2>Germany weighs on the bloc</h2>\n"
            "<p>The euro zone’s largest economy, Germany, has been a particular drag on growth, "
            "with its industry hit by weak demand from China and high energy costs. "
            "Manufacturers in neighbouring countries such as Austria, the Czech Republic and the "
            "Netherlands, which supply German industry, have also suffered.</p>\n"
            "<p>“The ECB is doing what is necessary, but it is doing it late,” said Herbert "
            "Kainz, chief economist at Austria’s Donauland Bank. He said lower rates would make "
            "it easier for companies to finance investments they had postponed, but would not on "
            "their own solve the region’s competitiveness problems.</p>\n"
            "<p>Analysts said the bank was likely to cut rates again in the first half of next "
            "year if growth did not pick up. “This is not the last cut,” said Claire Dubuisson, "
            "an economist at Banque Lemarchand in Paris. “But the ECB does not want to look as "
            "if it is panicking.”</p>\n"
            "<h2>Savers lose out</h2>\n"
            "<p>Lower rates are good news for borrowers, particularly homeowners with "
            "variable-rate mortgages, but bad news for savers. Banks in several euro zone "
            "countries were expected to cut rates on savings accounts within days.</p>\n"
            "<p>The ECB’s next policy meeting is scheduled for mid-December, when it will also "
            "publish new forecasts for growth and inflation.</p>\n"
            "<p>(Reporting by Matteo Ferrand; editing by Jonas Eriksen)</p>"
        ),
        path="/2026/11/19/ecb-cuts-deposit-rate-1-75-percent/",
        event="ecb-rate-decision",
        wire_id=None,
    ),
    OutletArticle(
        slug="german-train-drivers-48-hour-strike",
        title="German train drivers begin 48-hour strike, halting most long-distance trains",
        standfirst=(
            "Only about one in five long-distance services ran on Thursday as train drivers walked "
            "out over pay and working hours, with disruption spreading to Austria, Switzerland and "
            "the Netherlands."
        ),
        author="Jonas Eriksen",
        section="Economy",
        published=datetime(2026, 11, 12, 7, 10, tzinfo=BRUSSELS),
        modified=datetime(2026, 11, 12, 13, 55, tzinfo=BRUSSELS),
        body_html=(
            "<p>BERLIN (CPA) — German train drivers began a 48-hour strike early on Thursday, "
            "bringing most long-distance and many regional services to a halt and disrupting "
            "journeys for millions of commuters and travellers across Germany and neighbouring "
            "countries.</p>\n"
            "<p>The strike by the train drivers’ union began at 2 a.m. and is due to end at 2 "
            "a.m. on Saturday. Freight services were also affected. Deutsche Bahn said it was "
            "running an emergency timetable with about one in five long-distance trains "
            "operating, mostly on the busiest routes between major cities.</p>\n"
            "<p>Stations in Berlin, Frankfurt and Munich were unusually quiet on Thursday "
            "morning, with many passengers having switched to cars, long-distance buses or "
            "flights, or deciding to work from home.</p>\n"
            "<h2>Deadlock over pay and hours</h2>\n"
            "<p>The union is demanding a pay rise of 8.5% and a shorter working week for shift "
            "workers without loss of pay. Deutsche Bahn has offered 5.2% over 26 months and has "
            "rejected a shorter week, saying it would require thousands of extra drivers that "
            "the company cannot find.</p>\n"
            "<p>“This offer does not even make up for the inflation of recent years,” union "
            "leader Rainer Vossberg told reporters outside Berlin’s main station. He did not "
            "rule out further strikes before Christmas.</p>\n"
            "<p>Deutsche Bahn called the strike “disproportionate” and urged the union to return "
            "to talks. “Our offer is on the table. Strikes do not create a single extra driver,” "
            "a spokesman said.</p>\n"
            "<h2>Disruption across borders</h2>\n"
            "<p>The strike also hit international services. Austria’s ÖBB said its trains from "
            "Vienna and Linz to Munich, Frankfurt and Berlin would terminate in Salzburg or "
            "Passau, and several night trains were cancelled. Swiss and Dutch operators also "
            "cancelled or shortened services into Germany.</p>\n"
            "<p>Commuters in border regions were particularly affected. In Austria’s Innviertel "
            "region, thousands of people who work in Bavaria had to switch to cars, causing "
            "queues at border crossings.</p>\n"
            "<p>Industry groups warned of the cost to the economy, with freight trains carrying "
            "chemicals, steel and cars left standing in sidings. The German Economic Institute "
            "estimated that a two-day strike costs the economy up to 100 million euros a day.</p>\n"
            "<p>It is the third strike by train drivers this year. A previous round of talks "
            "broke down in October after the two sides failed to agree on working hours.</p>\n"
            "<p>(Reporting by Jonas Eriksen; additional reporting by Lena Marković in Vienna; "
            "editing by Matteo Ferrand)</p>"
        ),
        path="/2026/11/12/german-train-drivers-48-hour-strike/",
        event="rail-strike",
        wire_id=None,
    ),
    OutletArticle(
        slug="analysis-europe-night-trains-pay-their-way",
        title="Analysis: Europe’s night trains are back, but can they pay their way?",
        standfirst=(
            "Sleeper services have returned to dozens of routes across the continent. Operators "
            "say demand is strong; the economics are another matter."
        ),
        author="Amélie Vautrin",
        section="World",
        published=None,
        modified=None,
        body_html=(
            "<p>BRUSSELS (CPA) — A decade ago, Europe’s night trains looked like a relic. State "
            "operators were cutting sleeper services one after another, arguing that budget "
            "airlines and high-speed trains had made them obsolete. Today, sleeper trains run "
            "again between Brussels and Berlin, Paris and Vienna, Amsterdam and Zurich, and "
            "dozens of other city pairs.</p>\n"
            "<p>Operators say the trains are often fully booked, especially at weekends and in "
            "holiday periods. Passengers cite climate concerns, the convenience of arriving in a "
            "city centre in the morning and the appeal of the journey itself. But behind the "
            "revival lies an uncomfortable question: can night trains ever make money?</p>\n"
            "<h2>Expensive to run, hard to fill</h2>\n"
            "<p>The basic problem is simple. A sleeper carriage carries far fewer passengers "
            "than a day coach, and it is used only once every 24 hours. Staff must work at "
            "night, and trains cross several national networks, each charging its own track "
            "access fees.</p>\n"
            "<p>“A night train has the cost structure of a hotel and the revenue structure of a "
            "railway,” said Koen Verhaegen, a transport economist at the University of Leuven. "
            "“That is a difficult combination.”</p>\n"
            "<p>Operators also face a shortage of rolling stock. New sleeper carriages are "
            "expensive, and only a handful of manufacturers build them. Several new services "
            "have started with refurbished carriages that are decades old, leading to complaints "
            "about broken air conditioning and cancelled trips.</p>\n"
            "<h2>Who pays the difference?</h2>\n"
            "<p>Most of the new routes depend on some form of public support, whether direct "
            "subsidies, reduced track charges or government guarantees for new carriages. "
            "Supporters argue that this is justified because air travel does not pay the full "
            "cost of its emissions.</p>\n"
            "<p>Critics counter that the money would be better spent on regional trains used by "
            "commuters every day. “A subsidy per passenger on a night train can be ten times "
            "that of a suburban service,” said a transport official in one EU member state, who "
            "asked not to be named because he was not authorised to speak publicly.</p>\n"
            "<p>Industry experts see several ways to improve the economics:</p>\n"
            "<ul>\n"
            "<li>lower track access charges for night services, which use the network when it is "
            "otherwise empty;</li>\n"
            "<li>longer routes that allow a train to carry different passengers on different "
            "legs;</li>\n"
            "<li>common European booking systems, so that passengers can buy cross-border "
            "tickets easily;</li>\n"
            "<li>standardised carriages that can be ordered in larger numbers at lower cost.</li>\n"
            "</ul>\n"
            "<h2>A political project</h2>\n"
            "<p>For now, the revival of the night train remains as much a political project as a "
            "commercial one. The European Commission has named sleeper services as part of its "
            "plans to cut transport emissions, and several governments have made them a symbol "
            "of greener travel.</p>\n"
            "<p>Whether that support lasts will depend on budgets, and on whether operators can "
            "prove that the trains fill up outside the holiday season. “The demand is there,” "
            "Verhaegen said. “The question is whether we are willing to pay for it.”</p>\n"
            "<p>(Reporting by Amélie Vautrin; editing by Piotr Zieliński)</p>"
        ),
        path="/analysis/europe-night-trains-pay-their-way/",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="chipmaker-plant-dresden-lusatia-semiconductor",
        title="Lusatia Semiconductor to build 6-billion-euro chip plant near Dresden",
        standfirst=(
            "The company says the factory will make chips for cars and industrial machines from "
            "2030 and employ about 1,800 people, with state aid covering roughly a third of the "
            "cost."
        ),
        author="Jonas Eriksen",
        section="Technology",
        published=datetime(2026, 11, 16, 12, 5, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>DRESDEN, Germany (CPA) — Chipmaker Lusatia Semiconductor will build a "
            "6-billion-euro factory near Dresden to make chips for the car and industrial "
            "machinery industries, the company said on Monday, in one of the largest investments "
            "in Europe’s semiconductor sector this year.</p>\n"
            "<p>The plant, in the town of Ottendorf-Okrilla north of the city, is due to start "
            "production in 2030 and will employ about 1,800 people when it is fully running, "
            "chief executive Dorothea Lindqvist told a news conference.</p>\n"
            "<p>The German government and the state of Saxony will provide around 2 billion "
            "euros in subsidies under the European Union’s rules for strategic chip projects, "
            "she said. The rest will be financed by the company and a group of investors led by "
            "a Scandinavian pension fund.</p>\n"
            "<h2>Not the most advanced chips</h2>\n"
            "<p>Unlike some of the high-profile projects announced in recent years, the new "
            "factory will not make the most advanced processors used in smartphones and data "
            "centres. Instead, it will produce so-called power semiconductors and "
            "microcontrollers, which control electric motors, batteries and machines.</p>\n"
            "<p>“These are not the chips that make headlines, but without them no car leaves the "
            "factory and no wind turbine turns,” Lindqvist said. She said demand for such chips "
            "was growing quickly because of the shift to electric vehicles and renewable "
            "energy.</p>\n"
            "<p>During the chip shortage earlier in the decade, European carmakers had to halt "
            "production lines for weeks because they could not obtain such components, most of "
            "which are made in Asia.</p>\n"
            "<h2>Hunt for workers</h2>\n"
            "<p>The Dresden area, sometimes called “Silicon Saxony”, is already home to several "
            "chip plants and hundreds of suppliers. But the industry has warned that finding "
            "enough skilled workers is becoming harder.</p>\n"
            "<p>Lusatia Semiconductor said it would train about 300 apprentices a year and was "
            "working with universities in Dresden, Wrocław and Prague. The company also plans to "
            "recruit engineers from abroad.</p>\n"
            "<p>Saxony’s economy minister, Frank Leuthold, welcomed the investment as a sign "
            "that the region was becoming one of the world’s major chip clusters. “Ten years "
            "ago, people asked whether Europe could still make chips. Today they are building "
            "them here,” he said.</p>\n"
            "<p>Environmental groups raised concerns about the plant’s water use. Chip factories "
            "use large amounts of ultra-pure water, and eastern Germany has suffered from "
            "several dry summers. The company said it would recycle about 80% of the water it "
            "uses.</p>\n"
            "<p>Construction is due to begin in the second half of next year, subject to final "
            "approval of the subsidies by the European Commission.</p>\n"
            "<p>(Reporting by Jonas Eriksen; editing by Hannah Okafor)</p>"
        ),
        path="/2026/11/16/chipmaker-plant-dresden-lusatia-semiconductor/",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="baltic-states-poland-sign-undersea-cable-deal",
        title="Baltic states and Poland sign deal on new undersea power cable",
        standfirst=(
            "The 700-megawatt link between Lithuania and Poland’s coast is meant to make the "
            "region’s electricity supply more secure after a series of incidents involving "
            "undersea infrastructure."
        ),
        author="Piotr Zieliński",
        section="Politics",
        published=datetime(2026, 11, 18, 13, 20, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>VILNIUS (CPA) — Lithuania, Latvia, Estonia and Poland signed an agreement on "
            "Wednesday to build a new undersea electricity cable across the Baltic Sea, part of "
            "efforts to make the region’s power supply more secure after a series of incidents "
            "in which cables and pipelines were damaged.</p>\n"
            "<p>The 330-kilometre cable will connect the Lithuanian coast near Klaipėda with "
            "northern Poland and have a capacity of 700 megawatts, enough to supply around a "
            "million homes. It is due to be completed in 2031 at a cost of about 1.6 billion "
            "euros, half of which is expected to come from European Union funds.</p>\n"
            "<p>The four countries’ energy ministers signed the agreement at a ceremony in the "
            "Lithuanian capital.</p>\n"
            "<h2>Security at sea</h2>\n"
            "<p>“A single cable is a vulnerability. Several cables are a network,” Lithuanian "
            "Energy Minister Rūta Daugėlienė said. She said the Baltic states needed more "
            "connections to their neighbours so that the loss of one link would not put supply "
            "at risk.</p>\n"
            "<p>In recent years, several power cables and gas pipelines on the bed of the Baltic "
            "Sea have been damaged, in some cases by ships dragging their anchors. "
            "Investigations have not always established whether the damage was deliberate.</p>\n"
            "<p>Under the agreement, the four countries will share information on threats to "
            "undersea infrastructure and coordinate with their navies and coast guards to "
            "monitor the cable route. The cable will be buried in the seabed for most of its "
            "length and fitted with sensors that can detect vibrations from anchors or fishing "
            "gear.</p>\n"
            "<h2>Part of a wider network</h2>\n"
            "<p>The Baltic states disconnected their power grids from the Russian and Belarusian "
            "systems in 2025 and synchronised them with the continental European grid. Since "
            "then, they have been expanding links with Poland, Finland and Sweden.</p>\n"
            "<p>Poland’s climate and energy minister, Marek Wolański, said the new cable would "
            "also help his country integrate the growing amount of electricity from offshore "
            "wind farms planned for the Baltic Sea. “This cable will work in both directions,” "
            "he said. “When the wind blows off our coast, Lithuania will get our power. When it "
            "blows elsewhere, we will get theirs.”</p>\n"
            "<p>The project still needs environmental approvals in both countries, and the route "
            "must avoid areas used by the military and important fishing grounds. Tenders for "
            "the cable and converter stations are expected to be launched next year.</p>\n"
            "<p>Latvian Economy Minister Edgars Kalniņš said the region had learned that energy "
            "security could not be taken for granted. “We used to think of cables as plumbing,” "
            "he said. “Now we know they are part of our defence.”</p>\n"
            "<p>(Reporting by Piotr Zieliński; editing by Amélie Vautrin)</p>"
        ),
        path="/2026/11/18/baltic-states-poland-sign-undersea-cable-deal/",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="biathlon-world-cup-opener-ostersund",
        title="Norway’s Solbakken wins biathlon season opener in Östersund",
        standfirst=(
            "The 24-year-old shot clean to take her first World Cup victory in the individual "
            "race, ahead of France’s Margaux Delorme and Germany’s Johanna Rieck."
        ),
        author="Matteo Ferrand",
        section="Sport",
        published=datetime(2026, 11, 22, 17, 30, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>ÖSTERSUND, Sweden (CPA) — Norway’s Ingrid Solbakken won the first women’s race "
            "of the biathlon World Cup season on Sunday, hitting all 20 targets in the "
            "15-kilometre individual event to claim the first World Cup victory of her "
            "career.</p>\n"
            "<p>The 24-year-old finished in 41 minutes 12.4 seconds, 18.6 seconds ahead of "
            "France’s Margaux Delorme, who missed one target. Germany’s Johanna Rieck was third, "
            "34.2 seconds back, also with one miss.</p>\n"
            "<p>“I have been waiting for this for a long time,” Solbakken told reporters. “I "
            "knew my shooting was good in training, but in a race it is different. Today "
            "everything just clicked.”</p>\n"
            "<h2>Clean shooting in tricky wind</h2>\n"
            "<p>Conditions in Östersund were difficult, with temperatures of minus 11 degrees "
            "Celsius and gusty wind at the shooting range. Many of the favourites struggled, "
            "with several of last season’s top ten missing three or more targets. In the "
            "individual race, each miss adds a one-minute penalty to the skier’s time.</p>\n"
            "<p>Solbakken, who finished 14th in the overall standings last season, started early "
            "in the field and set a time that none of the later starters could beat. She was "
            "only the sixth-fastest skier on the course, but her perfect shooting more than made "
            "up the difference.</p>\n"
            "<p>Last season’s overall winner, Sweden’s Elsa Lindgren, finished ninth after "
            "missing three targets, disappointing a home crowd of around 6,000 spectators.</p>\n"
            "<h2>Men’s race postponed</h2>\n"
            "<p>The men’s individual race, scheduled for Sunday morning, was postponed until "
            "Monday because of strong wind. Organisers said the gusts at the range had made fair "
            "competition impossible.</p>\n"
            "<p>“We waited as long as we could, but safety and fairness come first,” race "
            "director Anders Hellström said. The men’s sprint, originally planned for Monday, "
            "will now be held on Tuesday.</p>\n"
            "<p>The top finishers in the women’s individual race were:</p>\n"
            "<ol>\n"
            "<li>Ingrid Solbakken (Norway) 41:12.4 (0 misses)</li>\n"
            "<li>Margaux Delorme (France) +18.6 (1)</li>\n"
            "<li>Johanna Rieck (Germany) +34.2 (1)</li>\n"
            "<li>Katja Vrhovnik (Slovenia) +51.0 (1)</li>\n"
            "<li>Aino Lehtonen (Finland) +1:02.7 (2)</li>\n"
            "</ol>\n"
            "<p>Delorme, the 2025 world champion in the mass start, said she was pleased with "
            "her form so early in the winter. “Second place with one miss is a good start. The "
            "season is long, and the important races are in February,” she said.</p>\n"
            "<p>The World Cup continues in Östersund with sprint races later in the week before "
            "moving to Hochfilzen in Austria in early December.</p>\n"
            "<p>(Reporting by Matteo Ferrand; editing by Jonas Eriksen)</p>"
        ),
        path="/2026/11/22/biathlon-world-cup-opener-ostersund/",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="deep-sea-coral-reef-mapped-off-ireland",
        title="Scientists map vast cold-water coral reef off Ireland’s west coast",
        standfirst=(
            "An expedition using an underwater robot has charted more than 40 square kilometres of "
            "living coral on the edge of the Porcupine Bank, one of the largest such reefs found "
            "in European waters."
        ),
        author="Hannah Okafor",
        section="Science",
        published=datetime(2026, 11, 11, 9, 45, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>GALWAY, Ireland (CPA) — Marine scientists have mapped a vast cold-water coral "
            "reef on the edge of the continental shelf off Ireland’s west coast, one of the "
            "largest such reefs found in European waters, researchers said on Wednesday.</p>\n"
            "<p>The reef covers more than 40 square kilometres of seabed at depths of between "
            "600 and 900 metres on the western slope of the Porcupine Bank, about 250 kilometres "
            "off the coast of County Galway. It was surveyed during a four-week expedition this "
            "autumn using a remotely operated underwater vehicle.</p>\n"
            "<p>“It was like flying over a forest that nobody had ever seen,” said Siobhán Ní "
            "Bhriain, a marine biologist at the University of Galway who led the expedition. "
            "“Some of the coral mounds are as tall as a four-storey building.”</p>\n"
            "<h2>Centuries of growth</h2>\n"
            "<p>Unlike tropical corals, cold-water corals live without sunlight in deep, dark "
            "waters and feed on tiny particles carried by currents. They grow very slowly, about "
            "a centimetre a year, and the reef mapped off Ireland is likely to be thousands of "
            "years old, the researchers said.</p>\n"
            "<p>The team identified more than 120 species living on or around the reef, "
            "including sponges, sea fans, crabs and fish such as orange roughy and blackbelly "
            "rosefish. Several of the species they found may be new to science, they said, and "
            "samples are being analysed.</p>\n"
            "<p>The main reef-building coral is Desmophyllum pertusum, formerly known as "
            "Lophelia pertusa, which forms large branching colonies that provide shelter for "
            "many other animals.</p>\n"
            "<h2>Damage from fishing</h2>\n"
            "<p>The expedition also found evidence of damage from bottom trawling, a fishing "
            "method in which heavy nets are dragged along the seabed. In parts of the survey "
            "area, the scientists filmed broken coral and tracks left by fishing gear.</p>\n"
            "<p>Cold-water coral reefs recover extremely slowly, if at all, once they have been "
            "destroyed. The European Union banned bottom trawling below 800 metres in 2016, but "
            "parts of the newly mapped reef lie in shallower water.</p>\n"
            "<p>Environmental groups called on the Irish government to propose a marine "
            "protected area covering the whole reef. “Now that we know exactly where it is, "
            "there is no excuse for not protecting it,” said a spokesman for the Irish Ocean "
            "Trust.</p>\n"
            "<p>Ireland’s marine minister said the government would consider the scientists’ "
            "findings as it prepares new legislation on marine protected areas, which is due to "
            "be published early next year.</p>\n"
            "<p>The researchers plan to return to the reef next summer to install instruments "
            "that will measure currents, temperature and the amount of food reaching the corals "
            "over a full year. The data will be made available through the <a "
            'href="https://data.marine.example/porcupine-reef">national marine data '
            "portal</a>.</p>\n"
            "<p>(Reporting by Hannah Okafor; editing by Lena Marković)</p>"
        ),
        path="/2026/11/11/deep-sea-coral-reef-mapped-off-ireland/",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="eu-approves-skyalpina-baltavia-merger",
        title="EU approves SkyAlpina takeover of Baltavia with conditions on slots",
        standfirst=(
            "Brussels cleared the 1.2-billion-euro deal after the airlines agreed to give up "
            "take-off and landing slots in Vienna, Riga and Frankfurt to rivals."
        ),
        author="Amélie Vautrin",
        section="Economy",
        published=datetime(2026, 11, 24, 11, 0, tzinfo=BRUSSELS),
        modified=None,
        body_html=(
            "<p>BRUSSELS (CPA) — The European Commission on Tuesday approved the "
            "1.2-billion-euro takeover of Latvian airline Baltavia by Austrian carrier "
            "SkyAlpina, after the two companies agreed to give up valuable take-off and landing "
            "slots to rival airlines.</p>\n"
            "<p>The decision ends an in-depth investigation that began in May, when the "
            "Commission said it was concerned the deal could lead to higher fares on routes "
            "between Austria, Germany and the Baltic states, where the two airlines are often "
            "the only carriers offering direct flights.</p>\n"
            "<p>“Passengers on these routes should continue to have a choice,” the Commission "
            "said in a statement. “The commitments offered by the companies ensure that "
            "competitors can step in.”</p>\n"
            "<h2>Slots for rivals</h2>\n"
            "<p>Under the conditions, SkyAlpina and Baltavia will make available up to 28 weekly "
            "slot pairs at Vienna, Riga and Frankfurt airports to rival airlines wishing to "
            "start flights on six routes, including Vienna–Riga, Vienna–Vilnius and "
            "Frankfurt–Riga.</p>\n"
            "<p>The companies will also offer so-called interline agreements, allowing "
            "passengers of competing airlines to combine their flights with SkyAlpina and "
            "Baltavia connections on a single ticket.</p>\n"
            "<p>SkyAlpina chief executive Markus Tiefenbacher welcomed the decision. “Together, "
            "we will be a strong airline for Central and Eastern Europe, with a network that "
            "neither of us could offer alone,” he said in a statement. The company expects to "
            "complete the deal by the end of the first quarter of next year.</p>\n"
            "<h2>Consolidation in European aviation</h2>\n"
            "<p>The takeover is the latest in a series of deals as Europe’s airline industry "
            "consolidates. Larger groups have been buying smaller carriers that have struggled "
            "with high costs, competition from low-cost airlines and the after-effects of the "
            "pandemic.</p>\n"
            "<p>Consumer groups were critical. “Every merger means less competition in the long "
            "run, and slot remedies have a mixed record,” said a spokeswoman for the European "
            "consumer organisation Voyageurs d’Europe. In previous cases, she said, rivals had "
            "given up slots after a few years because the routes were not profitable.</p>\n"
            "<p>Baltavia, which employs about 1,400 people, will keep its brand and its base in "
            "Riga for at least five years, according to the agreement. The Latvian government, "
            "which owns a 40% stake, will sell its shares to SkyAlpina as part of the "
            "transaction.</p>\n"
            "<p>Latvia’s transport ministry said the sale would secure the future of the "
            "airline, which had made losses in three of the past five years. “Riga remains a "
            "hub, and that is what matters to us,” a ministry spokesman said.</p>\n"
            "<p>Shares in SkyAlpina’s parent company rose 2.8% in Vienna after the "
            "announcement.</p>\n"
            "<p>(Reporting by Amélie Vautrin; editing by Matteo Ferrand)</p>"
        ),
        path="/2026/11/24/eu-approves-skyalpina-baltavia-merger/",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="iceland-reykjanes-eruption-grindavik",
        title="New volcanic eruption on Iceland’s Reykjanes peninsula, Grindavík evacuated",
        standfirst=(
            "Lava fountains rose from a fissure about three kilometres north of the fishing town "
            "early on Tuesday; authorities said there was no immediate threat to the international "
            "airport."
        ),
        author=None,
        section="World",
        published=datetime(2026, 11, 10, 6, 20, tzinfo=BRUSSELS),
        modified=datetime(2026, 11, 10, 11, 40, tzinfo=BRUSSELS),
        body_html=(
            "<p>REYKJAVIK (CPA) — A volcanic eruption began on Iceland’s Reykjanes peninsula "
            "early on Tuesday, sending lava fountains tens of metres into the air and prompting "
            "the evacuation of the fishing town of Grindavík, the Icelandic Meteorological "
            "Office said.</p>\n"
            "<p>The eruption started shortly after 3 a.m. local time from a fissure about 2.5 "
            "kilometres long, some three kilometres north of the town. It followed several hours "
            "of intense earthquake activity that had alerted scientists that magma was moving "
            "towards the surface.</p>\n"
            "<p>Civil protection authorities said the few dozen residents who had stayed in "
            "Grindavík overnight were evacuated safely. The nearby Blue Lagoon geothermal spa, a "
            "major tourist attraction, was also evacuated and will remain closed until further "
            "notice.</p>\n"
            "<h2>Airport open, no ash cloud</h2>\n"
            "<p>Flights to and from Keflavík International Airport, about 25 kilometres to the "
            "north-west, were operating normally. Scientists said the eruption was of the same "
            "type as previous ones on the peninsula, producing lava flows but little ash.</p>\n"
            "<p>“This is an effusive eruption. It does not produce the kind of ash cloud that "
            "disrupts air travel,” said Elín Hrafnsdóttir, a volcanologist at the Meteorological "
            "Office. “The main question is where the lava will flow.”</p>\n"
            "<p>By mid-morning, the lava was flowing mainly to the west, away from the town and "
            "towards defensive earth walls built in recent years to protect Grindavík and the "
            "Svartsengi geothermal power station, which supplies hot water and electricity to "
            "about 30,000 people on the peninsula.</p>\n"
            "<h2>A new volcanic era</h2>\n"
            "<p>The Reykjanes peninsula, south-west of the capital Reykjavik, had been "
            "volcanically quiet for about 800 years until 2021, when a series of eruptions "
            "began. Scientists believe the area has entered a new active period that could last "
            "for decades, or even centuries.</p>\n"
            "<p>Grindavík, a town of about 3,700 people, was largely evacuated in late 2023 "
            "after earthquakes opened large cracks in streets and buildings. Many residents have "
            "since moved away permanently, although some businesses, including fish processing "
            "plants, have resumed operating during the day.</p>\n"
            "<p>The Meteorological Office said the intensity of the eruption had decreased "
            "during the morning, a pattern seen in previous events on the peninsula. It warned, "
            "however, that new fissures could open without much warning and asked people to stay "
            "away from the area.</p>\n"
            "<p>Police closed the main roads to Grindavík and the Blue Lagoon and said "
            "sightseers should not try to approach the eruption site, citing dangerous gases and "
            "unstable ground.</p>\n"
            "<p>(Reporting by CPA Nordic desk; editing by Jonas Eriksen)</p>"
        ),
        path="/2026/11/10/iceland-reykjanes-eruption-grindavik/",
        event=None,
        wire_id=None,
    ),
)

WIREREVIEW = Outlet(
    slug="wirereview",
    name="Continental Wire Review",
    language="en",
    feed_path="/feed/",
    feed_format="rss",
    sitemap_path="/sitemap.xml",
    articles=ARTICLES,
)
