-- People with their titles and organisations, as the articles state them.
with roles as (
    select * from int_roles__canonicalized
),

final as (
    select
        person_entity_id,
        person,
        title,
        organization,
        count(distinct document_id) as document_count,
        min(document_id) as example_document_id
    from roles
    group by all
)

select * from final
