-- Pairs of named entities (people, organisations, places) mentioned in the same document.
with named as (
    select distinct document_id, entity_id, canonical_name
    from mentions
    where type in ('PERSON', 'ORGANIZATION', 'LOCATION')
),

pairs as (
    select
        left_side.entity_id as entity_id_a,
        right_side.entity_id as entity_id_b,
        any_value(left_side.canonical_name) as canonical_name_a,
        any_value(right_side.canonical_name) as canonical_name_b,
        count(distinct left_side.document_id) as document_count
    from named as left_side
    inner join named as right_side
        on left_side.document_id = right_side.document_id
        and left_side.entity_id < right_side.entity_id
    group by all
),

final as (
    select * from pairs
)

select * from final
