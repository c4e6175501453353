-- Pairs of named entities (people, organisations, places) mentioned in the same document.
-- Pairs grow with the square of the entities per document (150 M document-pairs at 100,000 pages),
-- so the join and the count run on integer keys and names are attached once per pair at the end:
-- that fits DuckDB's memory limit where joining and grouping on the string ids ran out of memory.
with named_entities as (
    select entity_id, canonical_name, row_number() over () as entity_key
    from entities
    where type in ('PERSON', 'ORGANIZATION', 'LOCATION')
),

keyed_documents as (
    select document_id, row_number() over () as document_key
    from (select distinct document_id from mentions)
),

named as (
    select distinct keyed_documents.document_key, named_entities.entity_key
    from mentions
    inner join named_entities on named_entities.entity_id = mentions.entity_id
    inner join keyed_documents on keyed_documents.document_id = mentions.document_id
),

pairs as (
    -- `named` is distinct per (document, entity), so each document counts once per pair.
    select
        left_side.entity_key as entity_key_a,
        right_side.entity_key as entity_key_b,
        count(*) as document_count
    from named as left_side
    inner join named as right_side
        on left_side.document_key = right_side.document_key
        and left_side.entity_key < right_side.entity_key
    group by all
),

final as (
    -- Keys follow row order, not id order: put the smaller id first, as the pair's stable orientation.
    select
        least(entity_a.entity_id, entity_b.entity_id) as entity_id_a,
        greatest(entity_a.entity_id, entity_b.entity_id) as entity_id_b,
        case when entity_a.entity_id < entity_b.entity_id
            then entity_a.canonical_name else entity_b.canonical_name end as canonical_name_a,
        case when entity_a.entity_id < entity_b.entity_id
            then entity_b.canonical_name else entity_a.canonical_name end as canonical_name_b,
        pairs.document_count
    from pairs
    inner join named_entities as entity_a on entity_a.entity_key = pairs.entity_key_a
    inner join named_entities as entity_b on entity_b.entity_key = pairs.entity_key_b
)

select * from final
