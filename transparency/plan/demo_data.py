"""Demo content of the action plans (public facts about Morocco's OGP plans, paraphrased).

Commitment tuples: (number, theme slug, lead administration slug, partner slugs, target
progress %, titles (ar, fr, en), problem (fr, en, ar), commitment text (fr, en, ar),
milestones [(weight, (ar, fr, en))]).
"""

THEMES_2018 = [
    (
        "access-to-information",
        "الحق في الحصول على المعلومات",
        "Accès à l'information",
        "Access to information",
    ),
    (
        "integrity",
        "النزاهة ومكافحة الفساد",
        "Intégrité et lutte contre la corruption",
        "Integrity and anti-corruption",
    ),
    (
        "public-services",
        "جودة الخدمات العمومية",
        "Qualité des services publics",
        "Quality of public services",
    ),
    ("budget-transparency", "شفافية الميزانية", "Transparence budgétaire", "Budget transparency"),
    ("participation", "المشاركة المواطنة", "Participation citoyenne", "Citizen participation"),
    (
        "communication",
        "التواصل والتحسيس",
        "Communication et sensibilisation",
        "Communication and awareness",
    ),
]

THEMES_2021 = [
    (
        "transparency-services",
        "الشفافية والخدمات العمومية",
        "Transparence et services publics",
        "Transparency and public services",
    ),
    ("equality-inclusion", "المساواة والإدماج", "Égalité et inclusion", "Equality and inclusion"),
    ("open-justice", "العدالة المنفتحة", "Justice ouverte", "Open justice"),
    ("participation", "المشاركة المواطنة", "Participation citoyenne", "Citizen participation"),
    (
        "open-local",
        "الجماعات الترابية المنفتحة",
        "Collectivités territoriales ouvertes",
        "Open local communities",
    ),
]

THEMES_2024 = [
    ("digital-openness", "الانفتاح الرقمي", "Ouverture numérique", "Digital openness"),
    ("accountability", "المساءلة", "Redevabilité", "Accountability"),
    ("participation", "المشاركة المواطنة", "Participation citoyenne", "Citizen participation"),
]

M = "mtnra"

COMMITMENTS_2018 = [
    (
        1,
        "access-to-information",
        M,
        ["cdai"],
        100,
        (
            "التحسيس بالحق في الحصول على المعلومات",
            "Sensibilisation au droit d'accès à l'information",
            "Raising awareness of the right to information",
        ),
        (
            "La loi 31-13 est peu connue des citoyens comme des administrations.",
            "Law 31-13 is little known by citizens and by administrations alike.",
            "القانون 31.13 غير معروف بما يكفي لدى المواطنين والإدارات.",
        ),
        (
            "Mener une campagne nationale (médias, réseaux sociaux, guides) sur le droit d'accès à l'information.",
            "Run a national campaign (media, social networks, guides) on the right of access to information.",
            "تنظيم حملة وطنية (وسائل الإعلام، الشبكات الاجتماعية، أدلة) حول الحق في الحصول على المعلومات.",
        ),
        [
            (1, ("إعداد دليل المواطن", "Guide du citoyen publié", "Citizen's guide published")),
            (2, ("حملة إعلامية وطنية", "Campagne médiatique nationale", "National media campaign")),
            (
                1,
                (
                    "لقاءات جهوية في 12 جهة",
                    "Rencontres régionales dans les 12 régions",
                    "Regional meetings in the 12 regions",
                ),
            ),
        ],
    ),
    (
        2,
        "access-to-information",
        M,
        [],
        100,
        (
            "تعيين وتكوين الأشخاص المكلفين بالحصول على المعلومات",
            "Désignation et formation des chargés de l'information",
            "Information officers designated and trained",
        ),
        (
            "Les administrations n'avaient pas d'interlocuteur désigné pour les demandes d'information.",
            "Administrations had no designated contact for information requests.",
            "لم يكن للإدارات مخاطب معين لطلبات الحصول على المعلومات.",
        ),
        (
            "Désigner les chargés de l'information dans chaque organisme et les former aux procédures de la loi 31-13.",
            "Designate information officers in every body and train them in the procedures of Law 31-13.",
            "تعيين الأشخاص المكلفين في كل هيئة وتكوينهم في مساطر القانون 31.13.",
        ),
        [
            (1, ("مذكرة التعيين", "Circulaire de désignation", "Designation circular")),
            (2, ("تكوين 1000 مكلف", "Formation de 1 000 chargés", "1,000 officers trained")),
            (1, ("دليل المساطر", "Manuel de procédures", "Procedures manual")),
        ],
    ),
    (
        3,
        "access-to-information",
        M,
        ["ministere-jeunesse-culture-communication"],
        80,
        (
            "تحسين تدبير الأرشيف العمومي",
            "Améliorer la gestion des archives publiques",
            "Better management of public archives",
        ),
        (
            "Les archives courantes sont dispersées et rarement inventoriées, ce qui freine l'accès.",
            "Current records are scattered and rarely inventoried, which hinders access.",
            "الأرشيف الجاري مشتت ونادرا ما يتم جرده، مما يعيق الولوج إليه.",
        ),
        (
            "Adopter un référentiel de gestion des archives et numériser les fonds prioritaires.",
            "Adopt a records-management framework and digitise priority collections.",
            "اعتماد إطار مرجعي لتدبير الأرشيف ورقمنة الرصيد ذي الأولوية.",
        ),
        [
            (
                1,
                (
                    "إطار مرجعي لتدبير الأرشيف",
                    "Référentiel de gestion des archives",
                    "Records-management framework",
                ),
            ),
            (
                2,
                (
                    "رقمنة الأرصدة ذات الأولوية",
                    "Numérisation des fonds prioritaires",
                    "Priority collections digitised",
                ),
            ),
            (1, ("تكوين الأرشيفيين", "Formation des archivistes", "Archivists trained")),
        ],
    ),
    (
        4,
        "access-to-information",
        "add",
        [M],
        90,
        (
            "نشر البيانات المفتوحة وإعادة استعمالها",
            "Publication et réutilisation des données ouvertes",
            "Open data publication and reuse",
        ),
        (
            "Peu de jeux de données publics sont publiés dans des formats réutilisables.",
            "Few public datasets are published in reusable formats.",
            "عدد قليل من البيانات العمومية منشور بصيغ قابلة لإعادة الاستعمال.",
        ),
        (
            "Relancer le portail data.gov.ma, publier 200 jeux de données et animer leur réutilisation.",
            "Relaunch data.gov.ma, publish 200 datasets and promote their reuse.",
            "إعادة إطلاق بوابة data.gov.ma ونشر 200 مجموعة بيانات وتشجيع إعادة استعمالها.",
        ),
        [
            (1, ("إعادة إطلاق البوابة", "Relance du portail", "Portal relaunched")),
            (2, ("نشر 200 مجموعة بيانات", "200 jeux de données publiés", "200 datasets published")),
            (1, ("هاكاثون إعادة الاستعمال", "Hackathon de réutilisation", "Reuse hackathon")),
        ],
    ),
    (
        5,
        "access-to-information",
        "ministere-transition-energetique",
        [],
        60,
        (
            "تقاسم المعطيات البيئية",
            "Partage des données environnementales",
            "Sharing environmental data",
        ),
        (
            "Les données sur la qualité de l'air et de l'eau ne sont pas accessibles au public.",
            "Air and water quality data are not available to the public.",
            "معطيات جودة الهواء والماء غير متاحة للعموم.",
        ),
        (
            "Publier les données environnementales sur un portail dédié, mis à jour régulièrement.",
            "Publish environmental data on a dedicated, regularly updated portal.",
            "نشر المعطيات البيئية على بوابة مخصصة تُحيَّن بانتظام.",
        ),
        [
            (
                1,
                (
                    "جرد المعطيات المتوفرة",
                    "Inventaire des données disponibles",
                    "Inventory of available data",
                ),
            ),
            (
                2,
                (
                    "بوابة المعطيات البيئية",
                    "Portail des données environnementales",
                    "Environmental data portal",
                ),
            ),
            (
                1,
                (
                    "نشر تقارير جودة الهواء",
                    "Publication des rapports sur la qualité de l'air",
                    "Air quality reports published",
                ),
            ),
        ],
    ),
    (
        6,
        "access-to-information",
        M,
        ["cdai"],
        100,
        ("بوابة الشفافية", "Le portail de la transparence", "The transparency portal"),
        (
            "Il n'existait pas de guichet unique pour déposer et suivre les demandes d'information.",
            "There was no single place to file and follow information requests.",
            "لم يكن هناك شباك موحد لتقديم طلبات المعلومات وتتبعها.",
        ),
        (
            "Lancer le portail chafafiya.ma pour déposer les demandes, suivre les délais et publier les réponses.",
            "Launch chafafiya.ma to file requests, follow deadlines and publish answers.",
            "إطلاق بوابة chafafiya.ma لتقديم الطلبات وتتبع الآجال ونشر الأجوبة.",
        ),
        [
            (
                1,
                (
                    "دراسة وتصميم البوابة",
                    "Étude et conception du portail",
                    "Portal study and design",
                ),
            ),
            (2, ("إطلاق البوابة", "Lancement du portail", "Portal launched")),
            (
                1,
                (
                    "ربط المؤسسات بالبوابة",
                    "Raccordement des organismes",
                    "Bodies connected to the portal",
                ),
            ),
        ],
    ),
    (
        7,
        "integrity",
        "inpplc",
        [M],
        100,
        ("بوابة النزاهة", "Le portail de l'intégrité", "The integrity portal"),
        (
            "Les initiatives d'intégrité des administrations sont peu visibles.",
            "Administrations' integrity initiatives are hardly visible.",
            "مبادرات النزاهة لدى الإدارات ضعيفة الظهور.",
        ),
        (
            "Créer un portail qui recense les initiatives d'intégrité et leurs résultats.",
            "Create a portal listing integrity initiatives and their results.",
            "إحداث بوابة تجرد مبادرات النزاهة ونتائجها.",
        ),
        [
            (1, ("جرد المبادرات", "Inventaire des initiatives", "Inventory of initiatives")),
            (2, ("إطلاق البوابة", "Lancement du portail", "Portal launched")),
        ],
    ),
    (
        8,
        "public-services",
        M,
        ["secretariat-general-gouvernement"],
        60,
        (
            "ميثاق ملزم للمرافق العمومية",
            "Une charte des services publics juridiquement contraignante",
            "A legally binding public service charter",
        ),
        (
            "L'article 157 de la Constitution prévoit une charte des services publics qui n'était pas adoptée.",
            "Article 157 of the Constitution provides for a public service charter that had not been adopted.",
            "ينص الفصل 157 من الدستور على ميثاق للمرافق العمومية لم يكن قد اعتمد بعد.",
        ),
        (
            "Élaborer et faire adopter la loi portant charte des services publics.",
            "Draft and pass the law on the public service charter.",
            "إعداد مشروع القانون المتعلق بميثاق المرافق العمومية والمصادقة عليه.",
        ),
        [
            (
                1,
                (
                    "مشاورات مع الفاعلين",
                    "Concertation avec les acteurs",
                    "Stakeholder consultation",
                ),
            ),
            (2, ("المصادقة على القانون 54.19", "Adoption de la loi 54-19", "Law 54-19 passed")),
            (2, ("النصوص التطبيقية", "Textes d'application", "Implementing regulations")),
        ],
    ),
    (
        9,
        "public-services",
        M,
        ["ministere-interieur"],
        80,
        (
            "تحسين الخدمات العمومية (المواقع النموذجية إدارتي)",
            "Améliorer les services publics (sites pilotes IDARATI)",
            "Better public services (IDARATI pilot sites)",
        ),
        (
            "L'accueil et les délais varient fortement d'un guichet à l'autre.",
            "Reception and waiting times vary widely from one counter to another.",
            "يختلف الاستقبال والآجال كثيرا من شباك لآخر.",
        ),
        (
            "Déployer un label de qualité de l'accueil dans des sites pilotes et mesurer la satisfaction.",
            "Roll out a reception quality label in pilot sites and measure satisfaction.",
            "تعميم علامة جودة الاستقبال في مواقع نموذجية وقياس رضا المرتفقين.",
        ),
        [
            (1, ("اختيار المواقع النموذجية", "Choix des sites pilotes", "Pilot sites chosen")),
            (2, ("تأهيل 30 موقعا", "Mise à niveau de 30 sites", "30 sites upgraded")),
            (1, ("قياس رضا المرتفقين", "Mesure de la satisfaction", "Satisfaction survey")),
        ],
    ),
    (
        10,
        "public-services",
        M,
        [],
        100,
        (
            "آلية الشكايات الخاصة بالمرافق العمومية",
            "Le mécanisme de réclamations des services publics",
            "The public service complaints mechanism",
        ),
        (
            "Les réclamations des usagers n'étaient ni centralisées ni suivies.",
            "Users' complaints were neither centralised nor followed up.",
            "لم تكن شكايات المرتفقين ممركزة ولا متتبعة.",
        ),
        (
            "Généraliser le portail chikaya.ma et le décret sur le traitement des réclamations.",
            "Extend chikaya.ma and the decree on handling complaints to all administrations.",
            "تعميم بوابة chikaya.ma والمرسوم المتعلق بمعالجة الشكايات.",
        ),
        [
            (1, ("المرسوم 2.17.265", "Décret 2-17-265", "Decree 2-17-265")),
            (2, ("تعميم البوابة", "Généralisation du portail", "Portal extended")),
            (1, ("تقرير سنوي", "Rapport annuel", "Annual report")),
        ],
    ),
    (
        11,
        "budget-transparency",
        "ministere-economie-finances",
        [],
        100,
        ("شفافية الميزانية", "Transparence budgétaire", "Budget transparency"),
        (
            "Le budget citoyen et les rapports d'exécution étaient publiés tard et peu lisibles.",
            "The citizen budget and execution reports were published late and were hard to read.",
            "كانت ميزانية المواطن وتقارير التنفيذ تُنشر متأخرة وصعبة القراءة.",
        ),
        (
            "Publier à temps les huit documents budgétaires clés de l'Open Budget Survey.",
            "Publish on time the eight key budget documents of the Open Budget Survey.",
            "نشر الوثائق الثماني الأساسية للميزانية في آجالها.",
        ),
        [
            (1, ("ميزانية المواطن", "Budget citoyen", "Citizen budget")),
            (
                2,
                (
                    "تقارير التنفيذ نصف السنوية",
                    "Rapports d'exécution semestriels",
                    "Mid-year execution reports",
                ),
            ),
            (1, ("بوابة الميزانية", "Portail budgétaire", "Budget portal")),
        ],
    ),
    (
        12,
        "budget-transparency",
        "ministere-budget",
        [],
        100,
        (
            "تنزيل القانون التنظيمي للمالية 130.13",
            "Mise en œuvre de la loi organique 130-13 relative à la loi de finances",
            "Implementing organic finance law 130-13",
        ),
        (
            "La programmation budgétaire axée sur les résultats restait partielle.",
            "Results-based budgeting remained partial.",
            "ظلت البرمجة الميزانياتية القائمة على النتائج جزئية.",
        ),
        (
            "Généraliser les projets de performance et les rapports de performance.",
            "Extend performance plans and performance reports to all departments.",
            "تعميم مشاريع النجاعة وتقارير النجاعة على جميع القطاعات.",
        ),
        [
            (1, ("مشاريع النجاعة", "Projets de performance", "Performance plans")),
            (1, ("تقارير النجاعة", "Rapports de performance", "Performance reports")),
        ],
    ),
    (
        13,
        "budget-transparency",
        "ministere-relations-parlement",
        [],
        70,
        (
            "شفافية التمويل العمومي لجمعيات المجتمع المدني",
            "Transparence des financements publics aux associations",
            "Transparency of public funding to civil society",
        ),
        (
            "On ne sait pas quelles associations reçoivent des fonds publics ni pour quels projets.",
            "It is not known which associations receive public funds nor for which projects.",
            "لا يُعرف أي الجمعيات تتلقى التمويل العمومي ولأي مشاريع.",
        ),
        (
            "Publier les appels à projets et les subventions accordées sur un portail unique.",
            "Publish calls for proposals and grants awarded on a single portal.",
            "نشر طلبات المشاريع والمنح الممنوحة على بوابة موحدة.",
        ),
        [
            (1, ("دليل المساطر", "Manuel de procédures", "Procedures manual")),
            (2, ("بوابة الشراكة", "Portail du partenariat", "Partnership portal")),
            (1, ("نشر المنح", "Publication des subventions", "Grants published")),
        ],
    ),
    (
        14,
        "participation",
        "ministere-interieur",
        [],
        70,
        (
            "هيئات التشاور الوطنية والجهوية",
            "Instances de concertation nationales et régionales",
            "National and regional consultation bodies",
        ),
        (
            "Les instances de concertation prévues par les lois organiques des collectivités sont peu actives.",
            "The consultation bodies provided for by local government laws are barely active.",
            "هيئات التشاور المنصوص عليها في القوانين التنظيمية للجماعات قليلة النشاط.",
        ),
        (
            "Accompagner la création et le fonctionnement des instances de concertation.",
            "Support the creation and functioning of consultation bodies.",
            "مواكبة إحداث هيئات التشاور وتسييرها.",
        ),
        [
            (1, ("دليل هيئات التشاور", "Guide des instances", "Guide to consultation bodies")),
            (
                2,
                (
                    "إحداث الهيئات في الجهات",
                    "Instances créées dans les régions",
                    "Bodies set up in the regions",
                ),
            ),
            (1, ("تقييم عملها", "Évaluation de leur fonctionnement", "Evaluation of their work")),
        ],
    ),
    (
        15,
        "participation",
        "ministere-relations-parlement",
        [M],
        100,
        (
            "المنصة الإلكترونية للمشاركة المواطنة",
            "La plateforme en ligne de participation citoyenne",
            "The online citizen participation platform",
        ),
        (
            "Déposer une pétition ou une motion législative exigeait des démarches papier lourdes.",
            "Filing a petition or a legislative motion required heavy paperwork.",
            "كان تقديم عريضة أو ملتمس تشريعي يتطلب إجراءات ورقية ثقيلة.",
        ),
        (
            "Lancer une plateforme pour les pétitions, les motions législatives et les consultations publiques.",
            "Launch a platform for petitions, legislative motions and public consultations.",
            "إطلاق منصة للعرائض والملتمسات التشريعية والاستشارات العمومية.",
        ),
        [
            (1, ("تصميم المنصة", "Conception de la plateforme", "Platform design")),
            (2, ("إطلاق المنصة", "Lancement de la plateforme", "Platform launched")),
        ],
    ),
    (
        16,
        "participation",
        "ministere-relations-parlement",
        [],
        80,
        (
            "تكوين المجتمع المدني في الديمقراطية التشاركية",
            "Formation de la société civile à la démocratie participative",
            "Civil society training on participatory democracy",
        ),
        (
            "Les associations maîtrisent mal les outils de la démocratie participative.",
            "Associations have little command of participatory democracy tools.",
            "الجمعيات لا تتقن بما يكفي آليات الديمقراطية التشاركية.",
        ),
        (
            "Former les associations dans les 12 régions aux pétitions, motions et consultations.",
            "Train associations in the 12 regions on petitions, motions and consultations.",
            "تكوين الجمعيات في الجهات الاثنتي عشرة في مجال العرائض والملتمسات والاستشارات.",
        ),
        [
            (1, ("برنامج التكوين", "Programme de formation", "Training programme")),
            (2, ("دورات في 12 جهة", "Sessions dans 12 régions", "Sessions in 12 regions")),
            (1, ("منصة التكوين عن بعد", "Formation en ligne", "Online training")),
        ],
    ),
    (
        17,
        "participation",
        "haca",
        ["ministere-jeunesse-culture-communication"],
        50,
        (
            "ولوج المجتمع المدني إلى وسائل الإعلام السمعية البصرية",
            "Accès de la société civile aux médias audiovisuels",
            "Civil society access to audiovisual media",
        ),
        (
            "Les associations ont peu de temps d'antenne dans les médias publics.",
            "Associations get little airtime in public media.",
            "تحظى الجمعيات بحيز زمني ضعيف في وسائل الإعلام العمومية.",
        ),
        (
            "Définir des règles d'accès équitable des associations aux médias audiovisuels publics.",
            "Set rules for fair access of associations to public audiovisual media.",
            "وضع قواعد للولوج المنصف للجمعيات إلى وسائل الإعلام السمعي البصري العمومي.",
        ),
        [
            (1, ("دراسة الوضعية", "Étude de la situation", "Situation study")),
            (2, ("قرار الهيئة", "Décision de la HACA", "HACA decision")),
            (1, ("برامج مخصصة", "Programmes dédiés", "Dedicated programmes")),
        ],
    ),
    (
        18,
        "communication",
        M,
        [],
        70,
        (
            "مخطط تواصلي حول انضمام المغرب إلى الشراكة",
            "Plan de communication sur l'adhésion au PGO",
            "A communication plan on OGP membership",
        ),
        (
            "Le Partenariat pour un gouvernement ouvert est peu connu du public marocain.",
            "The Open Government Partnership is little known by the Moroccan public.",
            "شراكة الحكومة المنفتحة غير معروفة بما يكفي لدى الجمهور المغربي.",
        ),
        (
            "Mettre en œuvre un plan de communication et un site dédié au gouvernement ouvert.",
            "Carry out a communication plan and a dedicated open-government website.",
            "تنفيذ مخطط تواصلي وموقع مخصص للحكومة المنفتحة.",
        ),
        [
            (
                1,
                (
                    "الموقع الإلكتروني",
                    "Site gouvernement-ouvert.ma",
                    "gouvernement-ouvert.ma website",
                ),
            ),
            (2, ("حملة تواصلية", "Campagne de communication", "Communication campaign")),
            (
                1,
                (
                    "الأسبوع الوطني للحكومة المنفتحة",
                    "Semaine nationale du gouvernement ouvert",
                    "National open government week",
                ),
            ),
        ],
    ),
]

COMMITMENTS_2021 = [
    (
        1,
        "transparency-services",
        M,
        [],
        100,
        (
            "تعزيز الحق في الحصول على المعلومات",
            "Renforcer le droit d'accès à l'information",
            "Strengthening the right to information",
        ),
        (
            "Les délais de réponse restent longs.",
            "Answer times remain long.",
            "آجال الرد ما تزال طويلة.",
        ),
        (
            "Publier proactivement les informations et suivre les délais.",
            "Publish information proactively and track deadlines.",
            "النشر الاستباقي للمعلومات وتتبع الآجال.",
        ),
        [(1, ("النشر الاستباقي", "Publication proactive", "Proactive publication"))],
    ),
    (
        2,
        "open-justice",
        "ministere-justice",
        [],
        100,
        ("العدالة المنفتحة", "Justice ouverte", "Open justice"),
        (
            "Les décisions de justice sont difficiles à consulter.",
            "Court decisions are hard to consult.",
            "يصعب الاطلاع على الأحكام القضائية.",
        ),
        (
            "Publier les décisions de justice anonymisées.",
            "Publish anonymised court decisions.",
            "نشر الأحكام القضائية بعد إخفاء الهوية.",
        ),
        [(1, ("بوابة الأحكام", "Portail des décisions", "Decisions portal"))],
    ),
    (
        3,
        "open-local",
        "ministere-interieur",
        [],
        100,
        ("جماعات ترابية منفتحة", "Collectivités territoriales ouvertes", "Open local communities"),
        (
            "Les communes publient peu leurs budgets.",
            "Communes publish little of their budgets.",
            "الجماعات تنشر القليل عن ميزانياتها.",
        ),
        (
            "Publier les budgets communaux en données ouvertes.",
            "Publish communal budgets as open data.",
            "نشر ميزانيات الجماعات كبيانات مفتوحة.",
        ),
        [(1, ("نشر الميزانيات", "Publication des budgets", "Budgets published"))],
    ),
]

COMMITMENTS_2024 = [
    (
        1,
        "digital-openness",
        M,
        ["cdai"],
        None,
        (
            "بوابة موحدة للحكومة المنفتحة",
            "Un portail unifié du gouvernement ouvert",
            "A unified open government portal",
        ),
        (
            "Les outils de transparence et de participation sont dispersés sur plusieurs sites.",
            "Transparency and participation tools are scattered across several websites.",
            "أدوات الشفافية والمشاركة موزعة على عدة مواقع.",
        ),
        (
            "Réunir demandes d'information, plan d'action, pétitions et réclamations sur un portail unique, en arabe, français et amazighe.",
            "Bring information requests, the action plan, petitions and complaints together on one portal, in Arabic, French and Amazigh.",
            "تجميع طلبات المعلومات وخطة العمل والعرائض والشكايات في بوابة موحدة بالعربية والفرنسية والأمازيغية.",
        ),
        [
            (1, ("دراسة الحاجيات", "Étude des besoins", "Needs study"), "2024-12-31", 100),
            (2, ("إطلاق البوابة", "Lancement du portail", "Portal launched"), "2027-03-31", 60),
            (1, ("تقييم الاستعمال", "Évaluation de l'usage", "Usage evaluation"), "2027-06-30", 0),
        ],
    ),
    (
        2,
        "accountability",
        "cour-des-comptes",
        [],
        None,
        (
            "تتبع توصيات المجلس الأعلى للحسابات",
            "Suivi des recommandations de la Cour des comptes",
            "Following up the Court of Accounts' recommendations",
        ),
        (
            "Le suivi des recommandations des rapports de la Cour n'est pas public.",
            "The follow-up of the Court's recommendations is not public.",
            "تتبع توصيات تقارير المجلس غير متاح للعموم.",
        ),
        (
            "Publier un tableau de bord de la mise en œuvre des recommandations.",
            "Publish a dashboard of the recommendations' implementation.",
            "نشر لوحة قيادة لتنفيذ التوصيات.",
        ),
        [
            (
                1,
                ("جرد التوصيات", "Inventaire des recommandations", "Inventory of recommendations"),
                "2025-03-31",
                100,
            ),
            (2, ("لوحة القيادة", "Tableau de bord public", "Public dashboard"), "2025-12-31", 40),
        ],
    ),
    (
        3,
        "participation",
        "ministere-relations-parlement",
        [],
        None,
        (
            "ميزانية تشاركية جهوية",
            "Budgets participatifs régionaux",
            "Regional participatory budgets",
        ),
        (
            "Les citoyens participent peu aux choix d'investissement régionaux.",
            "Citizens take little part in regional investment choices.",
            "مشاركة المواطنين ضعيفة في اختيارات الاستثمار الجهوي.",
        ),
        (
            "Expérimenter un budget participatif dans trois régions.",
            "Pilot a participatory budget in three regions.",
            "تجريب ميزانية تشاركية في ثلاث جهات.",
        ),
        [
            (1, ("اختيار الجهات", "Choix des régions", "Regions chosen"), "2025-06-30", 100),
            (
                2,
                ("أول دورة تصويت", "Premier cycle de vote", "First voting cycle"),
                "2027-03-31",
                20,
            ),
        ],
    ),
    (
        4,
        "accountability",
        "cndp",
        [],
        None,
        (
            "حماية المعطيات الشخصية في البيانات المفتوحة",
            "Protection des données personnelles dans les données ouvertes",
            "Personal data protection in open data",
        ),
        (
            "Les administrations hésitent à publier par crainte d'exposer des données personnelles.",
            "Administrations hesitate to publish for fear of exposing personal data.",
            "تتردد الإدارات في النشر خوفا من كشف معطيات شخصية.",
        ),
        (
            "Publier un guide d'anonymisation et former les producteurs de données.",
            "Publish an anonymisation guide and train data producers.",
            "نشر دليل لإخفاء الهوية وتكوين منتجي البيانات.",
        ),
        [
            (
                1,
                ("دليل إخفاء الهوية", "Guide d'anonymisation", "Anonymisation guide"),
                "2027-01-31",
                0,
            ),
            (1, ("دورات تكوينية", "Sessions de formation", "Training sessions"), "2027-06-30", 0),
        ],
    ),
]
