//! Word lists for the rule-based entity recogniser: general English news
//! vocabulary (titles, organisation cues, street and time words, common
//! sentence starters, frequent given names). Nothing here names a
//! particular article's people or outlets; the lists are general data.

use std::collections::HashSet;
use std::sync::LazyLock;

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Capitalised words that are not names when they start a sentence or
/// stand alone (function words, pronouns, common news nouns and verbs).
pub(crate) static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "A An The This That These Those There Their They Them Then He She His Her Hers Him It Its We Our Us You Your I Me My Mine \
         And But Or Nor So Yet For If When While Where Whereas Why How What Who Whom Whose Which After Before Since Until As At By \
         From In Into On Onto Of Off Out Over Under Up Down To Toward Towards With Without Within About Above Across Against Along \
         Among Around Behind Below Beneath Beside Besides Between Beyond During Despite Except Inside Near Outside Past Through \
         Throughout Upon Via Also Although Though Because Once Still Even Just Only Not No Yes Both Either Neither Each Every All \
         Any Some Many Much More Most Few Several Other Another Such Same One Two Three Four Five Six Seven Eight Nine Ten \
         First Second Third Last Next Here Now Today Tonight Yesterday Tomorrow However Meanwhile Moreover Furthermore Instead \
         Later Earlier Soon Often Never Always Sometimes Perhaps Maybe Please Thank Thanks Following According Asked Told Said \
         Says Police Officers Officer Officials Official Authorities Investigators Detectives Deputies Troopers Witnesses \
         Residents Neighbors Neighbours Family Friends Relatives Sources Reports Report Update Updated Breaking Photo Video \
         Watch Read Click Copyright Story Related Advertisement Editor Note Contact Anyone Everyone Someone Nobody Nothing \
         Something Everything People Man Woman Men Women Boy Girl Child Children Teen Teens Victim Victims Suspect Suspects \
         Shooting Shootings Gunfire Shots Gunman Attack Attacks Strikes Fire Crime News Local Authorities Emergency Medical \
         Hospital Officials Agency Department Ministry Government Military Army Troops Forces Court Jury Judge Mayor Governor \
         President Senator Secretary Minister Chief Sheriff Spokesman Spokeswoman Spokesperson Let Get Got Go Went See Saw Do \
         Did Does Done Be Been Being Is Are Was Were Has Have Had Will Would Can Could Should Shall May Might Must Like Unlike \
         Whether Upon Amid Amidst Nearly Almost About Approximately Around Roughly Some Nearby Overall Indeed Finally Initially \
         Currently Recently Previously Additionally Meanwhile Authorities Anybody Everybody Somebody Well Oh Mr Mrs Ms \
         Prosecutors Firefighters Paramedics Doctors Students Parents Agents Sources Update Updated Posted Warning \
         Month Week Police's View Views Home Video Photos Gallery",
    )
});

/// Months, weekdays and holidays: never entities.
pub(crate) static TIME_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "January February March April May June July August September October November December \
         Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday \
         Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Christmas Easter Thanksgiving Halloween Hanukkah Ramadan Eid \
         Passover Day Eve Year Years New Weekend Morning Afternoon Evening Night Spring Summer Autumn Fall Winter \
         Independence Memorial Labor Labour Veterans Valentine Valentine's Fourth Mother's Father's",
    )
});

/// Words that only count as time words alongside another time word
/// ("New Year", "Memorial Day"), since alone they may start a name.
pub(crate) static TIME_ONLY_IN_PAIRS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "May March Sun Sat Day Eve Year Years New Weekend Morning Afternoon Evening Night Spring Summer Autumn Fall \
         Winter Independence Memorial Labor Labour Veterans Fourth Mother's Father's Wed",
    )
});

/// Honorifics before a name.
pub(crate) static HONORIFICS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Madam Mister"));

/// Core title nouns: a role ends with one of these ("Defence Secretary").
pub(crate) static ROLE_CORE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "President Vice-President Minister Secretary Secretary-General Chancellor Premier Governor Gov Mayor Senator Sen \
         Representative Rep Congressman Congresswoman Councilman Councilwoman Councillor Councilor Alderman Commissioner \
         Judge Justice Attorney Prosecutor Sheriff Deputy Officer Detective Det Sergeant Sgt Lieutenant Lt Captain Capt \
         Colonel Col Major Maj General Gen Admiral Adm Commander Cmdr Corporal Cpl Private Pvt Trooper Marshal Agent \
         Inspector Insp Superintendent Supt Chief Constable Director Spokesman Spokeswoman Spokesperson Ambassador Envoy \
         Adviser Advisor Coroner Examiner King Queen Prince Princess Pope Ayatollah Sheikh Emir Sultan Leader Chairman \
         Chairwoman Chair Speaker Rabbi Pastor Reverend Rev Father Bishop Archbishop Cardinal Imam Professor Prof Coach \
         Firefighter Patrolman Patrolwoman Ranger Warden Dean Principal Brigadier Brig Undersheriff Clerk Lawmaker \
         Legislator Assemblyman Assemblywoman Magistrate Solicitor Treasurer Auditor Investigator Paramedic Dispatcher",
    )
});

/// Words naming an administrative unit: the last word of a place name
/// ("King County"), never of a person's.
pub(crate) static ADMINISTRATIVE_UNITS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("County Parish Borough Township"));

/// Words that may precede a core title inside a role ("Prime", "Defence",
/// "Police" in "Police Chief").
pub(crate) static ROLE_MODIFIERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Prime Deputy Vice Assistant Associate Acting Interim Former Foreign Defence Defense Home Interior Health Justice \
         Treasury State Homeland Security National Finance Education Energy Transportation Transport Commerce Labor Labour \
         Agriculture Environment Trade Economy Culture Information Intelligence Communications Press Police Fire County \
         City District Attorney General Special Chief Senior Executive Supreme Grand Lieutenant Staff First Master Staff \
         Brig Brigadier Lt Maj Major Rear Vice Field Command Sgt Sergeant Medical Border Public Safety Sheriff's Air \
         US U.S. Republican Democratic Democrat Parliament Parliamentary Opposition Military Army Navy Naval Marine",
    )
});

/// Lowercase role words that may directly precede a name
/// ("spokesperson Adrienne Watson", "police chief John Smith").
pub(crate) static LOWER_ROLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "spokesperson spokesman spokeswoman officer detective sergeant deputy chief sheriff lieutenant captain trooper \
         agent prosecutor attorney lawyer judge mayor governor senator president minister commander general leader \
         director coroner councilman councilwoman pastor coach analyst professor secretary ambassador envoy official \
         superintendent inspector commissioner chairman chairwoman adviser advisor correspondent reporter editor \
         activist advocate organizer organiser alderman alderwoman councilmember reverend bishop",
    )
});

/// Lowercase modifiers allowed before a lowercase role ("police chief").
pub(crate) static LOWER_ROLE_MODIFIERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "police fire county city district state deputy assistant acting interim former foreign defence defense \
         security press chief senior army navy military medical public",
    )
});

/// Lowercase nouns before a name that mark a person without being a title.
pub(crate) static PERSON_CUES_BEFORE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "neighbor neighbour resident witness victim suspect son daughter brother sister mother father wife husband \
         girlfriend boyfriend friend cousin uncle aunt grandmother grandfather grandson granddaughter nephew niece \
         student teacher owner manager employee driver shooter gunman man woman boy girl teen teenager identified \
         named survivor mom dad stepfather stepmother fiance fiancee partner",
    )
});

/// Verbs after a name that mark a person (or an organisation) speaking.
pub(crate) static REPORTING_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "said says told added stated wrote explained noted asked announced confirmed testified recalled admitted \
         insisted warned argued tweeted posted replied responded",
    )
});

/// Last words of organisation names.
pub(crate) static ORG_SUFFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Forces Force Department Dept Ministry Council Command Corps Police Office Party Army Navy Guard Guards Agency \
         Bureau Committee Commission Court Courts University College School Academy Hospital Center Centre Institute \
         Association Union Company Co Corp Corporation Inc Ltd LLC LLP Group Church Administration Service Services \
         Authority Authorities Network Organization Organisation Foundation Front Movement Brigade Brigades Resistance \
         Coalition Alliance Assembly Parliament Congress Senate Times Post News Press Journal Tribune Herald Gazette \
         Chronicle Daily Radio Television TV Network Networks Media Section Unit Division Squad Task Patrol Team Club \
         League Federation Society Board Trust Bank Fund Council Caucus Cabinet Secretariat Directorate Commandos \
         Militia Militias Mobilisation Mobilization Regiment Battalion Fleet Committee Clinic Enterprises Industries \
         Precinct Precincts House Holdings Partners Associates Systems Technologies Airlines Airways Railways Reuters Jail Prison Penitentiary \
         Sentinel Register Courier Inquirer Dispatch Telegram Star-Telegram Observer Bulletin Enquirer Telegraph Constitution Star-Tribune \
         Schools District Sheriff's Marshals Patrol Courthouse",
    )
});

/// First words of organisation names followed by "of" ("Ministry of ...").
pub(crate) static ORG_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Ministry Department Dept University Bank Church Board Office Council Institute Bureau Court Academy College \
         School Society Association Federation Union League Party Army Order Organization Organisation Committee",
    )
});

/// Lowercase nouns right after a name that make it an organisation
/// ("the Hashd coalition", "the IS group").
pub(crate) static ORG_FOLLOWERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "group groups coalition militia militias movement party organization organisation network faction alliance \
         brigade brigades company agency firm newspaper outlet station channel gang cartel union council ministry \
         department committee association foundation institute university college school hospital church mosque \
         militants fighters rebels insurgents",
    )
});

/// Last words of street names and addresses (not places here).
pub(crate) static STREET_SUFFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Street St Avenue Ave Road Rd Boulevard Blvd Drive Dr Lane Ln Place Pl Way Highway Hwy Parkway Pkwy Terrace \
         Circle Cir Alley Expressway Expy Freeway Turnpike Pike Interstate Route Court Ct Trail Row Crescent Square \
         Plaza Bridge Apartments Apartment Apts Mall Station Stadium Arena Motel Hotel Inn Bar Lounge Restaurant Grill \
         Cafe Market Store Shop Park Playground Cemetery Courts Homes Estates Village Heights Gardens Tower Towers",
    )
});

/// Facilities whose leading words name the place they are in
/// ("Arbil Air Base" → Arbil).
pub(crate) static FACILITY_SUFFIXES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("Airport Airfield Base Airbase Port Harbor Harbour"));

/// Last words of natural features and geographic areas: places without
/// a gazetteer entry.
pub(crate) static FEATURE_SUFFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Sea Ocean River Lake Mountains Mountain Mount Valley Desert Gulf Bay Strait Straits Island Islands Peninsula \
         Strip Canal Coast Basin Plateau Plains Creek Forest Province Governorate Region Territory Territories",
    )
});

/// Geographic areas larger than countries, treated as places without a
/// gazetteer entry.
pub(crate) static MACRO_REGIONS: &[&str] = &[
    "Middle East",
    "Near East",
    "Far East",
    "Europe",
    "Asia",
    "Africa",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Caribbean",
    "Balkans",
    "Caucasus",
    "Levant",
    "Horn of Africa",
    "Sahel",
    "Central Asia",
    "Southeast Asia",
    "South Asia",
    "East Asia",
    "Persian Gulf",
    "Gulf",
    "Arctic",
    "Antarctica",
    "Scandinavia",
    "Eastern Europe",
    "Western Europe",
    "Midwest",
    "West Bank",
    "Kurdistan",
    "Sinai",
    "Golan Heights",
    "New England",
    "Pacific Northwest",
    "Deep South",
    "Bay Area",
];

/// Direction words before a place name ("South Los Angeles").
pub(crate) static DIRECTIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "North South East West Northern Southern Eastern Western Northeast Northwest Southeast Southwest \
         Northeastern Northwestern Southeastern Southwestern Central Downtown Upper Lower Greater Metro Suburban",
    )
});

/// Prepositions after which a capitalised name is likely a location.
pub(crate) static LOCATIVE_PREPOSITIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "in at from near to outside into across toward towards throughout around within of through between \
         In At From Near Outside Across Throughout",
    )
});

/// Widely known organisations named by a single word or a fixed phrase
/// without an organisation suffix (general data, not per-article).
pub(crate) static KNOWN_ORGANISATIONS: &[&str] = &[
    "Pentagon",
    "White House",
    "Kremlin",
    "Congress",
    "Senate",
    "Hamas",
    "Hezbollah",
    "Hizbollah",
    "Hizballah",
    "Taliban",
    "al-Qaeda",
    "al-Qaida",
    "Al Qaeda",
    "Islamic State",
    "ISIS",
    "ISIL",
    "Daesh",
    "Houthis",
    "United Nations",
    "NATO",
    "European Union",
    "Red Cross",
    "Red Crescent",
    "Interpol",
    "Europol",
    "Reuters",
    "Associated Press",
    "Downing Street",
    "Élysée",
    "Knesset",
    "Vatican",
    "Mossad",
    "Hashd",
    "Hashed",
];

/// Capitalised pairs and acronyms that look like acronyms but are not
/// organisations.
pub(crate) static NOT_ACRONYMS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "AM PM TV OK ID DNA CEO CFO GPS SUV ATM PTSD CPR ICU ER AR AK RIP LOL II III IV VI VII VIII IX XI XII AD BC \
         A.M. P.M. MPH PhD MD DJ VIP OMG FYI ASAP USB PDF HIV AIDS COVID EMS EMT ZIP EST EDT CST CDT MST MDT PST PDT \
         GMT UTC BST CET UPDATE UPDATED BREAKING VIDEO PHOTO PHOTOS LIVE ALERT WATCH MORE CLOSE SHARE WARNING NEW",
    )
});

/// Frequent given names across English-language news; a name starting
/// with one of these is taken as a person.
pub(crate) static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony \
         Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan \
         Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank \
         Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter \
         Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan \
         Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby \
         Mason Philip Louis Lloyd Antonio Marcus Darnell Tyrone Jamal DeShawn Andre Terrell Lamar Malik Darius Jerome \
         Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra \
         Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura \
         Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra \
         Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren \
         Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison \
         Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly \
         Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Adrienne Tamika Keisha Latoya \
         Mohammed Mohammad Muhammad Mohamed Ahmed Ahmad Ali Hassan Hussein Hussain Omar Abdul Abdullah Ibrahim Khalid \
         Mahmoud Mustafa Youssef Yusuf Hamid Karim Said Tariq Fatima Aisha Razi Qassem Qasem Ismail Nasser Hamza \
         Carlos Luis Miguel Jorge Pedro Manuel Francisco Javier Rafael Alejandro Ricardo Fernando Ana Carmen Rosa \
         Vladimir Sergei Dmitry Olga Ivan Igor Wei Li Ming Hiroshi Kenji Raj Rahul Priya Amit Benjamin Yoav Moshe",
    )
});

/// Name particles written in lowercase inside names ("Ludwig van
/// Beethoven", "bin Salman").
pub(crate) static NAME_PARTICLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("al el bin ibn bint abu van von der den de da di du del della la le dos das ter ten")
});

/// Words after a place name in the name of a local institution
/// ("Chicago Police Department", "Cook County Jail").
pub(crate) static LOCAL_INSTITUTIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Police Sheriff Sheriff's Fire Metropolitan Metro County City Municipal Public Unified School Schools \
         Community Regional Memorial High Middle Elementary Township Borough Town Village District Superior Circuit \
         Sentinel Register Courier Times Herald Tribune Journal Post News Gazette Star Daily Record Dispatch",
    )
});

/// Lowercase words after a bare name that mark it as a local place
/// ("Memphis police", "a Winchester apartment complex").
pub(crate) static PLACE_FOLLOWERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "police officers officials authorities detectives firefighters residents resident man woman men women boy \
         girl teen teenager native neighborhood neighbourhood area city home apartment apartments school church mayor \
         council community district borough township county street streets suburb bar restaurant store park \
         hospital business businessman businesswoman teens toddler child children infant baby youth students \
         officer deputies shooting shootings homicide stabbing",
    )
});

/// Last words of water bodies (places without gazetteer entry).
pub(crate) static WATER_SUFFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("Sea Ocean River Lake Gulf Bay Strait Straits Canal Creek Sound Lagoon Reservoir")
});

/// Street words that never end a gazetteer place name in news use.
pub(crate) static ROAD_SUFFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Street St Avenue Ave Road Rd Boulevard Blvd Drive Dr Lane Ln Way Highway Hwy Parkway Pkwy Terrace Circle \
         Cir Alley Expressway Expy Freeway Turnpike Pike Interstate Route Court Ct Trail Row Crescent",
    )
});
