package org.consilium.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.consilium.domain.StaffAccount;
import org.consilium.domain.StaffAccountRepository;
import org.consilium.domain.Username;

@ApplicationScoped
public class JpaStaffAccountRepository implements StaffAccountRepository {

    @PersistenceContext(unitName = "consilium")
    private EntityManager em;

    @Override
    public Optional<StaffAccount> find(Username username) {
        return em.createQuery("select a from StaffAccount a where a.username = :username", StaffAccount.class)
                .setParameter("username", username.value())
                .getResultStream()
                .findFirst();
    }

    @Override
    public void add(StaffAccount account) {
        em.persist(account);
    }

    @Override
    public List<StaffAccount> named(String text, int limit) {
        String literal = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return em.createQuery("select a from StaffAccount a where lower(a.displayName) like :anywhere escape '\\'"
                        + " or a.username like :start escape '\\' order by a.displayName, a.username", StaffAccount.class)
                .setParameter("anywhere", "%" + literal + "%")
                .setParameter("start", literal + "%")
                .setMaxResults(limit)
                .getResultList();
    }
}
