-- Public relation: one row per canonical entity, with its surface forms and counts.
with mentions as (
    select * from int_mentions__canonicalized
),

final as (
    select
        entity_id,
        any_value(type) as type,
        any_value(canonical_name) as canonical_name,
        list_sort(list_distinct(list(text))) as aliases,
        count(distinct document_id) as document_count,
        count(*) as mention_count
    from mentions
    group by entity_id
)

select * from final
