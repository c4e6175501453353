-- Top entities by day and publisher: mention and document counts per entity.
with mention_rows as (
    select * from mentions
),

document_rows as (
    select document_id, published_date, publisher from documents
),

final as (
    select
        document_rows.published_date,
        coalesce(document_rows.publisher, 'unknown') as publisher,
        mention_rows.type,
        mention_rows.entity_id,
        any_value(mention_rows.canonical_name) as canonical_name,
        count(*) as mention_count,
        count(distinct mention_rows.document_id) as document_count
    from mention_rows
    inner join document_rows
        on mention_rows.document_id = document_rows.document_id
    group by all
)

select * from final
