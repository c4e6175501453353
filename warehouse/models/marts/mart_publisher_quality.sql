-- Per publisher: volume, cleaning load, extraction density, metadata completeness and rejects.
with document_rows as (
    select * from documents
),

mention_counts as (
    select document_id, count(*) as mention_count from mentions group by document_id
),

per_publisher as (
    select
        coalesce(document_rows.publisher, 'unknown') as publisher,
        count(*) as document_count,
        avg(document_rows.body_chars) as avg_body_chars,
        avg(document_rows.removed_lines) as removed_lines_per_document,
        1000.0 * sum(coalesce(mention_counts.mention_count, 0)) / nullif(sum(document_rows.body_chars), 0)
            as mentions_per_1000_chars,
        avg(case when document_rows.published_at is not null then 1.0 else 0.0 end) as has_date_ratio,
        avg(case when len(document_rows.reporters) > 0 then 1.0 else 0.0 end) as has_reporter_ratio,
        avg(case when document_rows.title is not null then 1.0 else 0.0 end) as has_title_ratio
    from document_rows
    left join mention_counts
        on document_rows.document_id = mention_counts.document_id
    group by 1
),

final as (
    select * from per_publisher
)

select * from final
