// Mentore graph schema: constraints and indexes, idempotent (IF NOT EXISTS).
// Applied by `mentore graph init` (and by the test session). Statements end with ';'.
// Community Edition: uniqueness constraints only; existence and types are checked by the app.

// --- keys
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organisation_codice_fiscale IF NOT EXISTS FOR (n:Organisation) REQUIRE n.codice_fiscale IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_email IF NOT EXISTS FOR (n:Person) REQUIRE n.email IS UNIQUE;
CREATE CONSTRAINT need_id IF NOT EXISTS FOR (n:Need) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT competency_id IF NOT EXISTS FOR (n:Competency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT activity_code IF NOT EXISTS FOR (n:Activity) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT territory_id IF NOT EXISTS FOR (n:Territory) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT partnership_id IF NOT EXISTS FOR (n:Partnership) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT community_id IF NOT EXISTS FOR (n:Community) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT community_slug IF NOT EXISTS FOR (n:Community) REQUIRE n.slug IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT post_id IF NOT EXISTS FOR (n:Post) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT best_practice_id IF NOT EXISTS FOR (n:BestPractice) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT course_id IF NOT EXISTS FOR (n:Course) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT suggestion_id IF NOT EXISTS FOR (n:Suggestion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (n:Dataset) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT throttle_key IF NOT EXISTS FOR (n:Throttle) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE;
CREATE CONSTRAINT verification_request_id IF NOT EXISTS FOR (n:VerificationRequest) REQUIRE n.id IS UNIQUE;

// --- lookups used by filters
CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind);
CREATE INDEX organisation_legal_form IF NOT EXISTS FOR (n:Organisation) ON (n.legal_form);
// the partner finder's eligibility: only verified organisations, only those enrolled in the RUNTS
CREATE INDEX organisation_verified IF NOT EXISTS FOR (n:Organisation) ON (n.verified);
CREATE INDEX organisation_runts_section IF NOT EXISTS FOR (n:Organisation) ON (n.runts_section);
// the admins' queue of requests of verification (repositories/verification.py)
CREATE INDEX verification_request_status IF NOT EXISTS FOR (n:VerificationRequest) ON (n.status);
// a name as a person types it (repositories/organisations.py: REFRESH_SEARCH_FIELDS, NAMED)
CREATE INDEX organisation_name_key IF NOT EXISTS FOR (n:Organisation) ON (n.name_key);
CREATE INDEX need_status IF NOT EXISTS FOR (n:Need) ON (n.status);
// the newest change and vector of any need, read in order (the labels' stamp: repositories/labels.py)
CREATE INDEX need_updated_at IF NOT EXISTS FOR (n:Need) ON (n.updated_at);
CREATE INDEX need_embedded_at IF NOT EXISTS FOR (n:Need) ON (n.embedded_at);
// the needs published in a period (the admins' report: repositories/stats.py)
CREATE INDEX need_published_at IF NOT EXISTS FOR (n:Need) ON (n.published_at);
CREATE INDEX territory_level IF NOT EXISTS FOR (n:Territory) ON (n.level);
CREATE INDEX territory_istat IF NOT EXISTS FOR (n:Territory) ON (n.istat_code);

// --- Italian full-text search (names and descriptions)
CREATE FULLTEXT INDEX organisation_text IF NOT EXISTS FOR (n:Organisation) ON EACH [n.name, n.description]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'italian'}};
CREATE FULLTEXT INDEX need_text IF NOT EXISTS FOR (n:Need) ON EACH [n.title, n.description]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'italian'}};
CREATE FULLTEXT INDEX forum_text IF NOT EXISTS FOR (n:Topic|Post) ON EACH [n.title, n.body]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'italian'}};

// --- text embeddings for the matcher (multilingual USE v3: 512 dimensions, cosine).
// Quantisation off and a dense graph (m 64, ef_construction 400; apply() rebuilds an index whose
// options differ): recall@100 0.98 at k=200 against exact search at 100k organisations.
// The organisations' profiles: those of the pool alone (label PoolOrganisation, kept in step with
// the country where a vector or a country is written: graph/repositories/matching.py), so that the
// nearest asked for are all organisations that may be suggested, however many foreign partners
// imported partnerships bring.
CREATE VECTOR INDEX organisation_embedding IF NOT EXISTS FOR (n:PoolOrganisation) ON (n.embedding)
  OPTIONS {indexConfig: {`vector.dimensions`: 512, `vector.similarity_function`: 'cosine',
                         `vector.quantization.enabled`: false, `vector.hnsw.m`: 64,
                         `vector.hnsw.ef_construction`: 400}};
CREATE VECTOR INDEX need_embedding IF NOT EXISTS FOR (n:Need) ON (n.embedding)
  OPTIONS {indexConfig: {`vector.dimensions`: 512, `vector.similarity_function`: 'cosine',
                         `vector.quantization.enabled`: false, `vector.hnsw.m`: 64,
                         `vector.hnsw.ef_construction`: 400}};
// the same vectors, of the active needs alone (label ActiveNeed, kept in step with the status by
// every write of it): the needs an organisation could answer are sought among them
CREATE VECTOR INDEX active_need_embedding IF NOT EXISTS FOR (n:ActiveNeed) ON (n.embedding)
  OPTIONS {indexConfig: {`vector.dimensions`: 512, `vector.similarity_function`: 'cosine',
                         `vector.quantization.enabled`: false, `vector.hnsw.m`: 64,
                         `vector.hnsw.ef_construction`: 400}};
CREATE VECTOR INDEX partnership_embedding IF NOT EXISTS FOR (n:Partnership) ON (n.embedding)
  OPTIONS {indexConfig: {`vector.dimensions`: 512, `vector.similarity_function`: 'cosine',
                         `vector.quantization.enabled`: false, `vector.hnsw.m`: 64,
                         `vector.hnsw.ef_construction`: 400}};

// --- the matcher: past work by text, suggestions and their feedback, the learned rankers
CREATE FULLTEXT INDEX partnership_text IF NOT EXISTS FOR (n:Partnership) ON EACH [n.title, n.description]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'italian'}};
CREATE INDEX organisation_country IF NOT EXISTS FOR (n:Organisation) ON (n.country);
// the matcher's copy of the organisations' vectors reads those stored since its last reading
CREATE INDEX organisation_embedded_at IF NOT EXISTS FOR (n:Organisation) ON (n.embedded_at);
CREATE INDEX suggestion_status IF NOT EXISTS FOR (n:Suggestion) ON (n.status);
CREATE CONSTRAINT ranker_task IF NOT EXISTS FOR (n:RankerModel) REQUIRE n.task IS UNIQUE;
CREATE CONSTRAINT revision_name IF NOT EXISTS FOR (n:Revision) REQUIRE n.name IS UNIQUE;

// --- notifications: a person's list is reached from the Person (FOR); read_at serves the
// retention rule (read notifications older than 180 days are deleted by `mentore digests send`).
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE INDEX notification_read_at IF NOT EXISTS FOR (n:Notification) ON (n.read_at);
CREATE INDEX notification_actor IF NOT EXISTS FOR (n:Notification) ON (n.actor_id);

// --- forum
// Topic lists of a community by latest activity (index-ordered, no sort of the whole community),
// pinned topics, replies of a topic by number (pages are ranges of numbers).
CREATE INDEX topic_community_activity IF NOT EXISTS FOR (n:Topic) ON (n.community_id, n.last_activity_at);
CREATE INDEX topic_pinned IF NOT EXISTS FOR (n:Topic) ON (n.pinned);
CREATE INDEX post_topic_number IF NOT EXISTS FOR (n:Post) ON (n.topic_id, n.number);
CREATE INDEX revision_id IF NOT EXISTS FOR (n:Revision) ON (n.id);

// --- moderation: flags (the queue reads open ones by status), the log, hidden content lists
CREATE CONSTRAINT flag_id IF NOT EXISTS FOR (n:Flag) REQUIRE n.id IS UNIQUE;
CREATE INDEX flag_status IF NOT EXISTS FOR (n:Flag) ON (n.status);
CREATE CONSTRAINT moderation_action_id IF NOT EXISTS FOR (n:ModerationAction) REQUIRE n.id IS UNIQUE;
CREATE INDEX topic_hidden IF NOT EXISTS FOR (n:Topic) ON (n.hidden);
CREATE INDEX post_hidden IF NOT EXISTS FOR (n:Post) ON (n.hidden);

// --- showcase: best practices, searched in Italian over their texts; the public list filters on status
CREATE FULLTEXT INDEX best_practice_text IF NOT EXISTS FOR (n:BestPractice) ON EACH [n.title, n.problem, n.solution, n.results]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'italian'}};
CREATE INDEX best_practice_status IF NOT EXISTS FOR (n:BestPractice) ON (n.status);
