-- Knowledge base: articles in Dutch and English, their version history, the synonym list of the search index and
-- the feedback of help-center readers. Runs unchanged on H2 and PostgreSQL.

create table knowledge_category (
    id        varchar(60)  primary key,
    name_nl   varchar(200) not null,
    name_en   varchar(200) not null,
    position  integer      not null
);

-- One row per language version of an article; the Dutch and English versions share a translation_group.
create table article (
    id                 uuid          primary key,
    translation_group  uuid          not null,
    language           varchar(2)    not null,
    slug               varchar(120)  not null,
    category_id        varchar(60)   not null references knowledge_category(id),
    title              varchar(200)  not null,
    body_markdown      varchar       not null,
    body_html          varchar       not null,
    short_answer       varchar(500)  not null,
    visibility         varchar(10)   not null,
    owner              varchar(200)  not null,
    review_by          date,
    tags               varchar(1000) not null,
    example_questions  varchar       not null,
    contact_reasons    varchar(1000) not null,
    version            integer       not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    updated_by         varchar(200)  not null,
    constraint article_language check (language in ('nl', 'en')),
    constraint article_visibility check (visibility in ('public', 'internal', 'draft')),
    constraint article_slug_unique unique (language, slug),
    constraint article_translation_unique unique (translation_group, language)
);
create index article_category on article(category_id, language);

-- Every saved state of an article, so any version can be compared with another and restored.
create table article_version (
    article_id         uuid          not null references article(id),
    version            integer       not null,
    category_id        varchar(60)   not null,
    title              varchar(200)  not null,
    body_markdown      varchar       not null,
    short_answer       varchar(500)  not null,
    visibility         varchar(10)   not null,
    owner              varchar(200)  not null,
    review_by          date,
    tags               varchar(1000) not null,
    example_questions  varchar       not null,
    contact_reasons    varchar(1000) not null,
    saved_at           timestamp with time zone not null,
    saved_by           varchar(200)  not null,
    note               varchar(500),
    primary key (article_id, version)
);

-- Words that mean the same to customers ("retour, terugsturen"), applied to search questions.
create table knowledge_synonym (
    id          uuid          primary key,
    language    varchar(2)    not null,
    terms       varchar(1000) not null,
    updated_at  timestamp with time zone not null,
    constraint knowledge_synonym_language check (language in ('nl', 'en'))
);

-- "Did this help?" answers; the stale-articles list reads the negative ones.
create table article_feedback (
    id           uuid          primary key,
    article_id   uuid          not null references article(id),
    helpful      boolean       not null,
    comment      varchar(1000),
    given_at     timestamp with time zone not null
);
create index article_feedback_article on article_feedback(article_id, given_at);

-- The ways to reach a person on the contact page, per topic: the team that handles it and its channels.
create table contact_topic (
    id         varchar(60)  primary key,
    name_nl    varchar(200) not null,
    name_en    varchar(200) not null,
    team_id    varchar(40)  references team(id),
    email      varchar(200),
    phone      varchar(40),
    whatsapp   varchar(40),
    hours_nl   varchar(300) not null,
    hours_en   varchar(300) not null,
    position   integer      not null
);
