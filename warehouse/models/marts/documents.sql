-- Public relation: one row per distinct article.
with documents as (
    select * from int_documents__deduplicated
),

final as (
    select
        document_id,
        source,
        content_hash,
        publisher,
        title,
        subtitles,
        reporters,
        reporter_emails,
        published_at,
        try_cast(left(published_at, 10) as date) as published_date,
        body,
        body_chars,
        raw_chars,
        removed_lines,
        encoding,
        input_format,
        run_id,
        ingested_at
    from documents
)

select * from final
